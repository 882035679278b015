// libFuzzer target over the service response decoders (API Gateway, ACM, Organizations
// JSON; STS, EC2 XML). The first byte picks the decoder; the rest is the body. Any input
// must give a value or a kParse Error: no crash, leak, or undefined behaviour.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "certguard/services/acm/acm_client.h"
#include "certguard/services/apigateway/decode.h"
#include "certguard/services/ec2/ec2_client.h"
#include "certguard/services/organizations/organizations_client.h"
#include "certguard/services/sts/sts_client.h"

namespace {

template <typename R>
void check(const R& result) {
  if (!result.ok() && result.error().kind != certguard::ErrorKind::kParse) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  namespace apigw = certguard::services::apigateway;
  std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);  // NOLINT
  switch (data[0] % 13) {
    case 0:
      check(apigw::decode_get_rest_apis(body));
      break;
    case 1:
      check(apigw::decode_get_rest_api(body));
      break;
    case 2:
      check(apigw::decode_get_stages(body));
      break;
    case 3:
      check(apigw::decode_stage(body, "GetStage"));
      break;
    case 4:
      check(apigw::decode_create_deployment(body));
      break;
    case 5:
      check(apigw::decode_get_client_certificates(body));
      break;
    case 6:
      check(apigw::decode_client_certificate(body, "GetClientCertificate"));
      break;
    case 7:
      check(apigw::decode_get_domain_names(body));
      break;
    case 8:
      check(apigw::decode_get_resources(body));
      break;
    case 9:
      check(apigw::decode_get_tags(body));
      break;
    case 10:
      check(certguard::services::acm::decode_list_certificates(body));
      break;
    case 11:
      check(certguard::services::organizations::decode_list_accounts(body));
      break;
    default:
      check(certguard::services::sts::decode_get_caller_identity(body));
      check(certguard::services::ec2::decode_describe_regions(body));
      check(certguard::services::acm::decode_describe_certificate(body));
      break;
  }
  return 0;
}
