// glibc's wcwidth(3): how many terminal columns a character takes (Unicode East Asian Width, emoji presentation,
// combining marks), read from the thread's LC_CTYPE locale. <wchar.h> declares it only under _XOPEN_SOURCE,
// which Swift's Glibc module is built without, so its POSIX prototype is given here (wchar_t is a 32-bit int on
// Linux).
int wcwidth(int wc);
