#pragma once

// STS AssumeRole and AssumeRoleWithWebIdentity over the Query protocol (POST / with a
// form body Action=...&Version=2011-06-15, XML response), made here rather than through
// services/sts because the credential chain sits below the service clients (aws-c-auth does
// the same). One attempt per call; retry by calling again.

#include <chrono>
#include <optional>
#include <string>

#include "certguard/aws/auth/credentials.h"
#include "certguard/aws/config/endpoints.h"
#include "certguard/aws/http/transport.h"
#include "certguard/core/clock.h"

namespace certguard::aws {

struct AssumeRoleParams {
  std::string role_arn;
  std::string session_name;
  std::string external_id;                       // empty: not sent
  std::optional<std::chrono::seconds> duration;  // nullopt: STS default (1 h)
};

// Signed with `source` (SigV4, signing region and name from `endpoint`). The returned
// credentials carry the expiration and the account id from AssumedRoleUser.Arn.
// Errors: the transport's (kNetwork, kTimeout); STS errors as kAccessDenied (AccessDenied,
// InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken), kThrottled, kTransient (5xx),
// kInvalidInput (other 4xx), with aws_code, request id and HTTP status; kParse for a body that
// is not the expected XML. The message names the role.
Task<Result<Credentials>> sts_assume_role(HttpTransport& transport, const Endpoint& endpoint,
                                          const Credentials& source, const AssumeRoleParams& params,
                                          const Clock& clock);

// Unsigned (the operation is noAuth), with the OIDC token read by the caller.
Task<Result<Credentials>> sts_assume_role_with_web_identity(HttpTransport& transport,
                                                            const Endpoint& endpoint,
                                                            const AssumeRoleParams& params,
                                                            const std::string& token);

// The body form: "Action=AssumeRole&Version=2011-06-15&RoleArn=...&RoleSessionName=..."
// (values percent-encoded), exposed for tests.
std::string assume_role_form(std::string_view action, const AssumeRoleParams& params,
                             std::string_view web_identity_token);

// Parses a Query-protocol response for `action`; exposed for tests and fuzzing.
Result<Credentials> parse_assume_role_response(std::string_view action, const HttpResponse& resp,
                                               std::string_view role_arn);

}  // namespace certguard::aws
