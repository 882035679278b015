#include "certguard/aws/client/sigv4_signer.h"

#include <utility>

#include "certguard/aws/sigv4/request.h"
#include "certguard/aws/sigv4/signer.h"

namespace certguard::aws {

Status Sigv4Signer::sign(Headers& headers, const SigningInput& input) {
  if (input.credentials == nullptr || input.credentials->access_key_id.empty() ||
      input.credentials->secret_access_key.empty()) {
    return make_error(ErrorKind::kCredentials,
                      "cannot sign the request: the credentials have no access key id or secret "
                      "key; check the credential chain (--debug shows which provider was used)");
  }
  sigv4::SignableRequest req;
  req.method = std::string(input.method);
  req.path = std::string(input.path);
  req.query = std::string(input.query);
  req.headers = std::move(headers);
  req.body = std::string(input.body);
  sigv4::SigningParams params;
  params.access_key_id = input.credentials->access_key_id;
  params.secret_access_key = input.credentials->secret_access_key;
  params.session_token = input.credentials->session_token;
  params.region = std::string(input.region);
  params.service = std::string(input.service);
  params.time = input.time;
  (void)sigv4::sign_headers(req, params, &cache_);
  headers = std::move(req.headers);
  return {};
}

}  // namespace certguard::aws
