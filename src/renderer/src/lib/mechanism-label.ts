/**
 * The mechanism pill of an exception: its type, handled or not, and what the runtime or OS recorded
 * in `mechanism.meta` (errno, POSIX signal, Mach exception), named as Relay names them: Relay fills
 * a missing `name` from the number for the event's OS (`contexts.os.name`) and Sentry shows the name,
 * so Python's `OSError` (`meta.errno.number: 2`) reads `errno ENOENT (2)`, not a bare number.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/exception/#meta-information
 * @see https://github.com/getsentry/relay/blob/master/relay-event-normalization/src/mechanism.rs (get_errno_name, OsHint)
 */

type Os = 'linux' | 'darwin' | 'windows';

/** Names from 1 on, `-` where the OS has no errno of that number (Linux's asm-generic errno.h). */
const LINUX_ERRNO = ('EPERM ENOENT ESRCH EINTR EIO ENXIO E2BIG ENOEXEC EBADF ECHILD EAGAIN ENOMEM EACCES EFAULT ENOTBLK EBUSY EEXIST EXDEV ENODEV '
  + 'ENOTDIR EISDIR EINVAL ENFILE EMFILE ENOTTY ETXTBSY EFBIG ENOSPC ESPIPE EROFS EMLINK EPIPE EDOM ERANGE EDEADLK ENAMETOOLONG ENOLCK ENOSYS '
  + 'ENOTEMPTY ELOOP - ENOMSG EIDRM ECHRNG EL2NSYNC EL3HLT EL3RST ELNRNG EUNATCH ENOCSI EL2HLT EBADE EBADR EXFULL ENOANO EBADRQC EBADSLT - EBFONT '
  + 'ENOSTR ENODATA ETIME ENOSR ENONET ENOPKG EREMOTE ENOLINK EADV ESRMNT ECOMM EPROTO EMULTIHOP EDOTDOT EBADMSG EOVERFLOW ENOTUNIQ EBADFD EREMCHG '
  + 'ELIBACC ELIBBAD ELIBSCN ELIBMAX ELIBEXEC EILSEQ ERESTART ESTRPIPE EUSERS ENOTSOCK EDESTADDRREQ EMSGSIZE EPROTOTYPE ENOPROTOOPT EPROTONOSUPPORT '
  + 'ESOCKTNOSUPPORT EOPNOTSUPP EPFNOSUPPORT EAFNOSUPPORT EADDRINUSE EADDRNOTAVAIL ENETDOWN ENETUNREACH ENETRESET ECONNABORTED ECONNRESET ENOBUFS '
  + 'EISCONN ENOTCONN ESHUTDOWN ETOOMANYREFS ETIMEDOUT ECONNREFUSED EHOSTDOWN EHOSTUNREACH EALREADY EINPROGRESS ESTALE EUCLEAN ENOTNAM ENAVAIL '
  + 'EISNAM EREMOTEIO EDQUOT ENOMEDIUM EMEDIUMTYPE ECANCELED ENOKEY EKEYEXPIRED EKEYREVOKED EKEYREJECTED EOWNERDEAD ENOTRECOVERABLE ERFKILL EHWPOISON').split(' ');

/** macOS / iOS (`<sys/errno.h>`). */
const DARWIN_ERRNO = ('EPERM ENOENT ESRCH EINTR EIO ENXIO E2BIG ENOEXEC EBADF ECHILD EDEADLK ENOMEM EACCES EFAULT ENOTBLK EBUSY EEXIST EXDEV ENODEV '
  + 'ENOTDIR EISDIR EINVAL ENFILE EMFILE ENOTTY ETXTBSY EFBIG ENOSPC ESPIPE EROFS EMLINK EPIPE EDOM ERANGE EAGAIN EINPROGRESS EALREADY ENOTSOCK '
  + 'EDESTADDRREQ EMSGSIZE EPROTOTYPE ENOPROTOOPT EPROTONOSUPPORT ESOCKTNOSUPPORT ENOTSUP EPFNOSUPPORT EAFNOSUPPORT EADDRINUSE EADDRNOTAVAIL ENETDOWN '
  + 'ENETUNREACH ENETRESET ECONNABORTED ECONNRESET ENOBUFS EISCONN ENOTCONN ESHUTDOWN ETOOMANYREFS ETIMEDOUT ECONNREFUSED ELOOP ENAMETOOLONG EHOSTDOWN '
  + 'EHOSTUNREACH ENOTEMPTY EPROCLIM EUSERS EDQUOT ESTALE EREMOTE EBADRPC ERPCMISMATCH EPROGUNAVAIL EPROGMISMATCH EPROCUNAVAIL ENOLCK ENOSYS EFTYPE '
  + 'EAUTH ENEEDAUTH EPWROFF EDEVERR EOVERFLOW EBADEXEC EBADARCH ESHLIBVERS EBADMACHO ECANCELED EIDRM ENOMSG EILSEQ ENOATTR EBADMSG EMULTIHOP ENODATA '
  + 'ENOLINK ENOSR ENOSTR EPROTO ETIME EOPNOTSUPP ENOPOLICY ENOTRECOVERABLE EOWNERDEAD EQFULL').split(' ');

/** Windows' CRT numbers that differ from Linux's or that Linux lacks (the rest of 1–34 match). */
const WINDOWS_ERRNO: Record<number, string> = {
  36: 'EDEADLK', 38: 'ENAMETOOLONG', 39: 'ENOLCK', 40: 'ENOSYS', 41: 'ENOTEMPTY', 42: 'EILSEQ', 80: 'STRUNCATE',
  ...Object.fromEntries(('EADDRINUSE EADDRNOTAVAIL EAFNOSUPPORT EALREADY EBADMSG ECANCELED ECONNABORTED ECONNREFUSED ECONNRESET EDESTADDRREQ '
    + 'EHOSTUNREACH EIDRM EINPROGRESS EISCONN ELOOP EMSGSIZE ENETDOWN ENETRESET ENETUNREACH ENOBUFS ENODATA ENOLINK ENOMSG ENOPROTOOPT ENOSR ENOSTR '
    + 'ENOTCONN ENOTRECOVERABLE ENOTSOCK ENOTSUP EOPNOTSUPP EOTHER EOVERFLOW EOWNERDEAD EPROTO EPROTONOSUPPORT EPROTOTYPE ETIME ETIMEDOUT ETXTBSY '
    + 'EWOULDBLOCK').split(' ').map((name, i) => [100 + i, name])),
};

const SIGNALS: Record<'linux' | 'darwin', string[]> = {
  linux: ('SIGHUP SIGINT SIGQUIT SIGILL SIGTRAP SIGABRT SIGBUS SIGFPE SIGKILL SIGUSR1 SIGSEGV SIGUSR2 SIGPIPE SIGALRM SIGTERM SIGSTKFLT SIGCHLD '
    + 'SIGCONT SIGSTOP SIGTSTP SIGTTIN SIGTTOU SIGURG SIGXCPU SIGXFSZ SIGVTALRM SIGPROF SIGWINCH SIGIO SIGPWR SIGSYS').split(' '),
  darwin: ('SIGHUP SIGINT SIGQUIT SIGILL SIGTRAP SIGABRT SIGPOLL SIGFPE SIGKILL SIGBUS SIGSEGV SIGSYS SIGPIPE SIGALRM SIGTERM SIGURG SIGSTOP SIGTSTP '
    + 'SIGCONT SIGCHLD SIGTTIN SIGTTOU SIGIO SIGXCPU SIGXFSZ SIGVTALRM SIGPROF SIGWINCH SIGINFO SIGUSR1 SIGUSR2').split(' '),
};

const MACH_EXCEPTIONS = ('EXC_BAD_ACCESS EXC_BAD_INSTRUCTION EXC_ARITHMETIC EXC_EMULATION EXC_SOFTWARE EXC_BREAKPOINT EXC_SYSCALL EXC_MACH_SYSCALL '
  + 'EXC_RPC_ALERT EXC_CRASH EXC_RESOURCE EXC_GUARD EXC_CORPSE_NOTIFY').split(' ');

/** Relay's OS hint from `contexts.os.name`; null for an event that names none (Python, Node by default). */
export function osOf(osName: unknown): Os | null {
  if (typeof osName !== 'string') return null;
  const name = osName.toLowerCase();
  if (['ios', 'ipados', 'watchos', 'tvos', 'macos', 'darwin'].includes(name)) return 'darwin';
  if (name === 'linux' || name === 'android') return 'linux';
  return name === 'windows' ? 'windows' : null;
}

const listed = (names: readonly string[], n: number): string | null => { const name = names[n - 1]; return name && name !== '-' ? name : null; };

/**
 * The errno's constant name for the OS. Without an OS, only the numbers that name the same errno on
 * Linux, macOS and Windows (1–34 but 11: EAGAIN on Linux, EDEADLK on macOS): Relay names none then,
 * but ENOENT is ENOENT everywhere, and a Python app's event carries no OS.
 */
export function errnoName(n: number, os: Os | null): string | null {
  if (!Number.isInteger(n) || n < 1) return null;
  if (os === 'darwin') return listed(DARWIN_ERRNO, n);
  if (os === 'windows') return WINDOWS_ERRNO[n] ?? (n <= 34 && n !== 15 && n !== 26 ? listed(LINUX_ERRNO, n) : null);
  if (os === 'linux') return listed(LINUX_ERRNO, n);
  return n <= 34 && n !== 11 ? listed(LINUX_ERRNO, n) : null;
}

function record(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : null;
}

/** `errno ENOENT (2)`, `SIGSEGV (11)`, `EXC_BAD_ACCESS (1)`: the SDK's name, else Relay's, and the number; `errno 2` when no name is known. */
function metaPart(kind: string, value: unknown, numberKey: string, nameOf: (n: number) => string | null, prefixNamed: boolean): string | null {
  const o = record(value);
  if (!o) return null;
  const num = typeof o[numberKey] === 'number' ? o[numberKey] : null;
  const name = (typeof o.name === 'string' && o.name) || (num !== null ? nameOf(num) : null);
  if (name) return `${prefixNamed ? `${kind} ` : ''}${name}${num !== null ? ` (${num})` : ''}`;
  return num !== null ? `${kind} ${num}` : null;
}

/** The pill's text: `generic · handled · errno ENOENT (2)`; null when the exception has no mechanism. */
export function mechanismLabel(mechanism: unknown, osName?: unknown): string | null {
  const m = record(mechanism);
  if (!m) return null;
  const os = osOf(osName);
  const meta = record(m.meta) ?? {};
  const parts = [
    typeof m.type === 'string' ? m.type : null,
    m.handled === false ? 'unhandled' : m.handled === true ? 'handled' : null,
    metaPart('signal', meta.signal, 'number', (n) => (os === 'linux' || os === 'darwin' ? listed(SIGNALS[os], n) : null), false),
    metaPart('Mach exception', meta.mach_exception, 'exception', (n) => listed(MACH_EXCEPTIONS, n), false),
    metaPart('errno', meta.errno, 'number', (n) => errnoName(n, os), true),
  ];
  return parts.filter(Boolean).join(' · ') || null;
}
