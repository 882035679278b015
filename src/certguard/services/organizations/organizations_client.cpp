#include "certguard/services/organizations/organizations_client.h"

#include "certguard/aws/client/json_read.h"
#include "certguard/aws/client/json_write.h"
#include "certguard/aws/client/pagination.h"

namespace certguard::services::organizations {

aws::Operation to_operation(const ListAccountsRequest& r) {
  aws::Operation op;
  op.name = "ListAccounts";
  op.protocol = aws::Protocol::kJson11;
  op.method = "POST";
  op.path = "/";
  op.headers = {{"X-Amz-Target", "AWSOrganizationsV20161128.ListAccounts"}};
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  if (!r.next_token.empty()) body["NextToken"] = r.next_token;
  if (r.max_results) body["MaxResults"] = *r.max_results;
  op.body = aws::to_wire_json(body);
  op.resource = "organization accounts";
  return op;
}

Result<ListAccountsPage> decode_list_accounts(std::string_view body) {
  auto json = aws::parse_json_object(body, "ListAccounts");
  if (!json.ok()) return json.error();
  std::string problem;
  aws::JsonView v(&*json, "", &problem);
  ListAccountsPage page;
  for (const auto& a : v.objects("Accounts")) {
    page.accounts.push_back(Account{.id = a.string("Id"),
                                    .arn = a.string("Arn"),
                                    .email = a.string("Email"),
                                    .name = a.string("Name"),
                                    .status = a.string("Status"),
                                    .state = a.string("State"),
                                    .joined_method = a.string("JoinedMethod"),
                                    .joined_timestamp = a.timestamp("JoinedTimestamp")});
  }
  page.next_token = v.string("NextToken");
  if (!problem.empty()) return aws::parse_error("ListAccounts", problem);
  return page;
}

Task<Result<ListAccountsPage>> OrganizationsClient::list_accounts(const ListAccountsRequest& r) {
  aws::Operation op = to_operation(r);
  Result<aws::HttpResponse> response = co_await client_->call(op);
  if (!response.ok()) co_return response.error();
  auto page = decode_list_accounts(response->body);
  if (!page.ok()) co_return page.error().with_context(op.name, op.resource);
  co_return page;
}

Task<Result<std::vector<Account>>> OrganizationsClient::list_all_accounts() {
  ListAccountsRequest req;
  aws::PageTokens tokens("ListAccounts", "organization accounts");
  std::vector<Account> all;
  for (;;) {
    Result<ListAccountsPage> page = co_await list_accounts(req);
    if (!page.ok()) co_return page.error();
    for (auto& a : page->accounts) all.push_back(std::move(a));
    Result<bool> more = tokens.advance(page->next_token);
    if (!more.ok()) co_return more.error();
    if (!*more) break;
    req.next_token = page->next_token;
  }
  co_return all;
}

}  // namespace certguard::services::organizations
