// The Winograd convolution's cache of transformed filters (winograd_conv.cpp) must hear when a network is freed
// (another may later be loaded at the same addresses) or its filters are written in place after a forward pass.
#pragma once

extern "C" void fn_winograd_forget_filters(void);
