// Marks what libtally exports. The library is built with hidden visibility,
// so hosts see only the embedding API (tally.hpp, tally.h), and the
// interpreter's internals can change without breaking them.
#pragma once

#define TALLY_API __attribute__((visibility("default")))
