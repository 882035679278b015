#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "certguard/aws/sigv4/request.h"

namespace certguard::aws::sigv4 {

// Stage 1 of SigV4: the canonical request, in pieces.

// The canonical URI: the wire path, normalized when asked, then percent-encoded once more
// (keeping '/') when encode_path. An empty path is "/".
std::string canonical_uri(std::string_view wire_path, bool normalize, bool encode);

// The canonical query: each k=v decoded then re-encoded (spaces as %20), sorted by key then
// value, "k=" for an empty value, joined with '&'. Empty pieces ("a=1&&b=2") are skipped.
std::string canonical_query(std::string_view wire_query);

// True for the headers SigV4 signs when SigningParams::sign_all_headers is false: all but
// user-agent, expect, x-amzn-trace-id, content-length, authorization and hop-by-hop ones.
bool is_signable_header(std::string_view lowercase_name);

// A canonical request plus the pieces the later stages need.
struct CanonicalRequest {
  std::string text;            // METHOD\nURI\nQUERY\nHEADERS\n\nSIGNED\nPAYLOAD
  std::string signed_headers;  // "host;x-amz-date"
  std::string payload_hash;    // hex sha256 of the body, or the x-amz-content-sha256 value
};

// Canonicalizes `req` as it stands, signing the headers `params` selects. The payload hash
// is the x-amz-content-sha256 header's value when present (as botocore does), otherwise
// hex(sha256(body)).
CanonicalRequest canonical_request(const SignableRequest& req, const SigningParams& params);

// Canonicalizes `req` signing exactly `signed_headers` (lowercase names, in the given order;
// a name absent from the request canonicalizes as an empty value) with the given payload
// hash. This is what a verifier needs: only the headers the client listed.
CanonicalRequest canonical_request_with(const SignableRequest& req,
                                        const std::vector<std::string>& signed_headers,
                                        std::string_view payload_hash, bool normalize_path,
                                        bool encode_path);

}  // namespace certguard::aws::sigv4
