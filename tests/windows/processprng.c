/* A stand-in for ProcessPrng, for running ties under Wine 8 (Debian 12) only: never shipped.
 *
 * Rust's standard library asks Windows for random bytes at start-up through ProcessPrng, in
 * bcryptprimitives.dll, which Windows has had since Windows 8 but Wine only from version 9.
 * This DLL gives Wine the function, taking the bytes from SystemFunction036 (RtlGenRandom, in
 * advapi32.dll), which Wine has. tests/windows/run builds it with mingw-w64 and puts it in the
 * temporary Wine folder it runs the tests in. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG part = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, part))
            return FALSE;
        data += part;
        length -= part;
    }
    return TRUE;
}
