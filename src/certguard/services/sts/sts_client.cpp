#include "certguard/services/sts/sts_client.h"

#include <fmt/format.h>

#include "certguard/aws/client/json_read.h"
#include "certguard/aws/client/uri_encode.h"
#include "certguard/aws/protocol/decode.h"

namespace certguard::services::sts {

aws::Operation get_caller_identity_operation(std::string_view region) {
  aws::Operation op;
  op.name = "GetCallerIdentity";
  op.protocol = aws::Protocol::kQuery;
  op.method = "POST";
  op.path = "/";
  op.body = aws::encode_form({{"Action", "GetCallerIdentity"}, {"Version", "2011-06-15"}});
  op.resource = fmt::format("sts in {}", region);
  return op;
}

Result<GetCallerIdentityResult> decode_get_caller_identity(std::string_view body) {
  auto doc = aws::protocol::parse_xml(body, "GetCallerIdentity");
  if (!doc.ok()) return doc.error();
  pugi::xml_node root = (*doc)->document_element();
  if (!root) return aws::parse_error("GetCallerIdentity", "the body has no XML element");
  pugi::xml_node result = aws::protocol::xml_find(root, "GetCallerIdentityResult");
  if (!result) {
    return aws::parse_error(
        "GetCallerIdentity",
        fmt::format("expected <GetCallerIdentityResult> under <{}>", root.name()));
  }
  GetCallerIdentityResult out;
  out.user_id = aws::protocol::xml_child_text(result, "UserId");
  out.account = aws::protocol::xml_child_text(result, "Account");
  out.arn = aws::protocol::xml_child_text(result, "Arn");
  out.request_id =
      aws::protocol::xml_child_text(aws::protocol::xml_find(root, "ResponseMetadata"), "RequestId");
  if (out.account.empty() || out.arn.empty()) {
    return aws::parse_error("GetCallerIdentity", "the result has no Account or Arn");
  }
  return out;
}

Task<Result<GetCallerIdentityResult>> StsClient::get_caller_identity() {
  aws::Operation op = get_caller_identity_operation(client_->config().signing_region);
  Result<aws::HttpResponse> response = co_await client_->call(op);
  if (!response.ok()) co_return response.error();
  auto out = decode_get_caller_identity(response->body);
  if (!out.ok()) co_return out.error().with_context(op.name, op.resource);
  co_return out;
}

}  // namespace certguard::services::sts
