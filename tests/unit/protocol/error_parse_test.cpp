#include "certguard/aws/protocol/error_parse.h"

#include <gtest/gtest.h>

#include "certguard/aws/protocol/error_codes.h"

namespace certguard::aws::protocol {
namespace {

HttpResponse response(int status, Headers headers, std::string body) {
  HttpResponse r;
  r.status = status;
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

ErrorParseOptions context(std::string_view operation, std::string_view resource = {},
                          bool quota = false) {
  ErrorParseOptions o;
  o.operation = operation;
  o.resource = resource;
  o.classify.limit_exceeded_is_quota = quota;
  return o;
}

TEST(ParseErrorResponse, RestJsonHeaderWithCoralNamespace) {
  auto r =
      response(404,
               {{"x-amzn-ErrorType",
                 "NotFoundException:http://internal.amazon.com/coral/com.amazonaws.backplane/"},
                {"x-amzn-RequestId", "abc-123"}},
               R"({"message":"Invalid Client Certificate identifier specified"})");
  Error e = parse_error_response(r, context("GetClientCertificate", "arn:x"));
  EXPECT_EQ(e.kind, ErrorKind::kNotFound);
  EXPECT_EQ(e.aws_code, "NotFoundException");
  EXPECT_EQ(e.http_status, 404);
  EXPECT_EQ(e.request_id, "abc-123");
  EXPECT_EQ(e.message, "Invalid Client Certificate identifier specified");
  EXPECT_EQ(e.describe(),
            "GetClientCertificate on arn:x: NotFoundException (HTTP 404): Invalid Client "
            "Certificate identifier specified [request id abc-123]");
}

TEST(ParseErrorResponse, RestJsonBodyCodeWhenNoHeader) {
  auto r = response(400, {}, R"({"code":"BadRequestException","Message":"bad"})");
  Error e = parse_error_response(r);
  EXPECT_EQ(e.aws_code, "BadRequestException");
  EXPECT_EQ(e.kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(e.message, "bad");
}

TEST(ParseErrorResponse, Json11TypeWithNamespace) {
  auto r = response(400, {{"X-Amzn-RequestId", "rid"}},
                    R"({"__type":"com.amazon.coral.service#ResourceNotFoundException",)"
                    R"("message":"Could not find certificate arn:aws:acm:..."})");
  Error e = parse_error_response(r);
  EXPECT_EQ(e.aws_code, "ResourceNotFoundException");
  EXPECT_EQ(e.kind, ErrorKind::kNotFound);
  EXPECT_EQ(e.request_id, "rid");
}

TEST(ParseErrorResponse, OrganizationsCapitalMessage) {
  auto r = response(400, {},
                    R"({"__type":"AWSOrganizationsNotInUseException","Message":"not in org",)"
                    R"("Type":"Sender"})");
  Error e = parse_error_response(r);
  EXPECT_EQ(e.kind, ErrorKind::kAccessDenied);
  EXPECT_EQ(e.message.rfind("not in org", 0), 0U);
}

TEST(ParseErrorResponse, QueryXml) {
  auto r = response(403, {{"Content-Type", "text/xml"}},
                    R"(<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>
  <Message>The security token included in the request is invalid.</Message></Error>
  <RequestId>4b7c-xml</RequestId></ErrorResponse>)");
  Error e = parse_error_response(r, context("GetCallerIdentity"));
  EXPECT_EQ(e.aws_code, "InvalidClientTokenId");
  EXPECT_EQ(e.kind, ErrorKind::kCredentials);
  EXPECT_EQ(e.request_id, "4b7c-xml");
  EXPECT_EQ(e.message.rfind("The security token included in the request is invalid.", 0), 0U);
  EXPECT_NE(e.message.find("system clock"), std::string::npos);  // says what to do
}

TEST(ParseErrorResponse, Ec2Xml) {
  auto r = response(503, {},
                    "<?xml version=\"1.0\"?><Response><Errors><Error><Code>RequestLimitExceeded"
                    "</Code><Message>Request limit exceeded.</Message></Error></Errors>"
                    "<RequestID>ec2-rid</RequestID></Response>");
  Error e = parse_error_response(r);
  EXPECT_EQ(e.aws_code, "RequestLimitExceeded");
  EXPECT_EQ(e.kind, ErrorKind::kThrottled);
  EXPECT_EQ(e.request_id, "ec2-rid");
}

TEST(ParseErrorResponse, HeaderRequestIdWinsOverXml) {
  auto r = response(400, {{"x-amz-request-id", "hdr"}},
                    "<ErrorResponse><Error><Code>ValidationError</Code></Error>"
                    "<RequestId>xml</RequestId></ErrorResponse>");
  Error e = parse_error_response(r);
  EXPECT_EQ(e.request_id, "hdr");
  EXPECT_EQ(e.kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(e.message, "(no message)");
}

TEST(ParseErrorResponse, HtmlFiveHundredIsClearTransient) {
  auto r = response(502, {{"Content-Type", "text/html"}},
                    "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n"
                    "<center><h1>502 Bad Gateway</h1></center>\n</body></html>");
  Error e = parse_error_response(r, context("GetRestApis"));
  EXPECT_EQ(e.kind, ErrorKind::kTransient);
  EXPECT_TRUE(e.aws_code.empty());
  EXPECT_NE(e.message.find("HTTP 502"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("text/html"), std::string::npos);
  EXPECT_NE(e.message.find("502 Bad Gateway"), std::string::npos);
  EXPECT_EQ(e.message.find('<'), std::string::npos);
}

TEST(ParseErrorResponse, EmptyBodyFallsBackOnStatus) {
  EXPECT_EQ(parse_error_response(response(429, {}, "")).kind, ErrorKind::kThrottled);
  EXPECT_EQ(parse_error_response(response(403, {}, "")).kind, ErrorKind::kAccessDenied);
  EXPECT_EQ(parse_error_response(response(404, {}, "")).kind, ErrorKind::kNotFound);
  EXPECT_EQ(parse_error_response(response(503, {}, "")).kind, ErrorKind::kTransient);
  EXPECT_EQ(parse_error_response(response(400, {}, "not json")).kind, ErrorKind::kInvalidInput);
}

TEST(ParseErrorResponse, LimitExceededDependsOnContext) {
  auto r = response(429, {{"x-amzn-ErrorType", "LimitExceededException"}},
                    R"({"message":"Cannot exceed quota for ClientCertificates: 60"})");
  Error rate = parse_error_response(r);
  EXPECT_EQ(rate.kind, ErrorKind::kThrottled);
  Error quota = parse_error_response(r, context("GenerateClientCertificate", "", true));
  EXPECT_EQ(quota.kind, ErrorKind::kLimitExceeded);
  EXPECT_EQ(quota.aws_code, "LimitExceededException");
  EXPECT_TRUE(is_throttling_code(quota.aws_code));  // still retryable in standard mode
}

TEST(ClassifyErrorCode, Table) {
  struct Case {
    const char* code;
    int status;
    ErrorKind kind;
  };
  const Case cases[] = {
      {"ThrottlingException", 400, ErrorKind::kThrottled},
      {"Throttling", 400, ErrorKind::kThrottled},
      {"TooManyRequestsException", 429, ErrorKind::kThrottled},
      {"RequestTimeout", 400, ErrorKind::kTransient},
      {"ServiceUnavailableException", 503, ErrorKind::kTransient},
      {"IDPCommunicationError", 400, ErrorKind::kTransient},
      {"AccessDeniedException", 400, ErrorKind::kAccessDenied},
      {"AccessDenied", 403, ErrorKind::kAccessDenied},
      {"UnauthorizedException", 401, ErrorKind::kAccessDenied},
      {"UnrecognizedClientException", 400, ErrorKind::kCredentials},
      {"InvalidSignatureException", 403, ErrorKind::kCredentials},
      {"ExpiredToken", 400, ErrorKind::kCredentials},
      {"ExpiredTokenException", 400, ErrorKind::kCredentials},
      {"RequestExpired", 400, ErrorKind::kCredentials},
      {"NotFoundException", 404, ErrorKind::kNotFound},
      {"AccountNotFoundException", 400, ErrorKind::kNotFound},
      {"InvalidVpcID.NotFound", 400, ErrorKind::kNotFound},
      {"ConflictException", 409, ErrorKind::kConflict},
      {"ValidationException", 400, ErrorKind::kInvalidInput},
      {"ServiceQuotaExceededException", 402, ErrorKind::kLimitExceeded},
      {"SomethingNew", 418, ErrorKind::kInvalidInput},
      {"SomethingNew", 500, ErrorKind::kTransient},
      {"", 200, ErrorKind::kInternal},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(classify_error_code(c.code, c.status), c.kind) << c.code << " " << c.status;
  }
}

TEST(StripErrorCode, Botocore) {
  EXPECT_EQ(strip_error_code("NotFoundException:http://internal.amazon.com/coral/x/"),
            "NotFoundException");
  EXPECT_EQ(strip_error_code("com.amazonaws.acm#ResourceNotFoundException"),
            "ResourceNotFoundException");
  EXPECT_EQ(strip_error_code("a#b#C:ns"), "C");
  EXPECT_EQ(strip_error_code(""), "");
}

}  // namespace
}  // namespace certguard::aws::protocol
