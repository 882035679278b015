#pragma once

// Organizations (JSON 1.1, global endpoint signed in us-east-1 for the aws partition):
// ListAccounts, paged on NextToken. A page may be empty yet carry a NextToken.

#include <optional>
#include <string>
#include <vector>

#include "certguard/aws/client/aws_client.h"
#include "certguard/core/task.h"

namespace certguard::services::organizations {

struct Account {
  std::string id;
  std::string arn;
  std::string email;
  std::string name;
  std::string status;  // ACTIVE | SUSPENDED | PENDING_CLOSURE (being retired)
  std::string state;   // PENDING_ACTIVATION | ACTIVE | SUSPENDED | PENDING_CLOSURE | CLOSED
  std::string joined_method;
  std::optional<WallTime> joined_timestamp;
};

struct ListAccountsRequest {
  std::string next_token;
  std::optional<int> max_results;  // 1..20; absent: the service default
};

struct ListAccountsPage {
  std::vector<Account> accounts;
  std::string next_token;
};

aws::Operation to_operation(const ListAccountsRequest& r);
Result<ListAccountsPage> decode_list_accounts(std::string_view body);

class OrganizationsClient {
 public:
  explicit OrganizationsClient(aws::AwsClient& client) : client_(&client) {}
  Task<Result<ListAccountsPage>> list_accounts(const ListAccountsRequest& r);
  Task<Result<std::vector<Account>>> list_all_accounts();

 private:
  aws::AwsClient* client_;
};

}  // namespace certguard::services::organizations
