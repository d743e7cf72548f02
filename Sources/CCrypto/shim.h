// OpenSSL's libcrypto, for SHA-256 content hashes of photos.
#include <openssl/sha.h>
