#include "childguard.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <initializer_list>
#include <pthread.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

namespace chorus::childguard {

namespace {
// Parses a decimal pid; 0 when `s` is not one.
pid_t parsePid(const char *s)
{
    pid_t v = 0;
    if (!*s)
        return 0;
    for (; *s; ++s) {
        if (*s < '0' || *s > '9')
            return 0;
        v = v * 10 + (*s - '0');
    }
    return v;
}

// The parent pid in /proc/<pid>/stat ("pid (comm) state ppid ..."; comm may hold anything).
pid_t parentOf(pid_t pid)
{
    char path[64] = "/proc/";
    char digits[24];
    int n = 0;
    for (pid_t p = pid; p > 0 && n < 23; p /= 10)
        digits[n++] = char('0' + p % 10);
    size_t at = 6;
    while (n > 0)
        path[at++] = digits[--n];
    const char tail[] = "/stat";
    memcpy(path + at, tail, sizeof tail);
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char buf[1024];
    const ssize_t got = ::read(fd, buf, sizeof buf - 1);
    ::close(fd);
    if (got <= 0)
        return -1;
    buf[got] = 0;
    const char *p = strrchr(buf, ')');
    if (!p || p[1] != ' ' || !p[2] || p[3] != ' ')
        return -1;
    pid_t ppid = 0;
    for (p += 4; *p >= '0' && *p <= '9'; ++p)
        ppid = ppid * 10 + (*p - '0');
    return ppid;
}

// Sends SIGKILL to every process whose parent is this one (found in /proc; orphans of our
// descendants are ours, as we are a subreaper). Returns how many there were.
int killChildren()
{
    const pid_t self = ::getpid();
    const int dir = ::open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
        return 0;
    int count = 0;
    alignas(8) char buf[8192];
    for (;;) {
        const long n = ::syscall(SYS_getdents64, dir, buf, sizeof buf);
        if (n <= 0)
            break;
        for (long off = 0; off < n;) {
            // struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, char name[]
            unsigned short reclen = 0;
            memcpy(&reclen, buf + off + 16, sizeof reclen);
            const pid_t pid = parsePid(buf + off + 19);
            off += reclen;
            if (reclen == 0)
                break;
            if (pid > 0 && pid != self && parentOf(pid) == self) {
                ::kill(pid, SIGKILL);
                ++count;
            }
        }
    }
    ::close(dir);
    return count;
}

void pause10ms()
{
    struct timespec t = {0, 10 * 1000 * 1000};
    ::nanosleep(&t, nullptr);
}

// Kills the program's group and every process below us, until none is left, reaping them.
// Returns the program's wait status when it was reaped here.
void killAll(pid_t program, int *programStatus, bool *programReaped)
{
    for (int round = 0; round < 6000; ++round) { // a minute at most
        if (!*programReaped)
            ::kill(-program, SIGKILL);
        killChildren();
        for (;;) {
            int st = 0;
            const pid_t p = ::waitpid(-1, &st, WNOHANG);
            if (p == program) {
                *programStatus = st;
                *programReaped = true;
            }
            if (p > 0)
                continue;
            if (p < 0 && errno == EINTR)
                continue;
            if (p < 0) // ECHILD: nothing is left below us
                return;
            break;
        }
        pause10ms();
    }
}

[[noreturn]] void exitLike(int status)
{
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = SIG_DFL;
        ::sigaction(sig, &sa, nullptr);
        sigset_t one;
        sigemptyset(&one);
        sigaddset(&one, sig);
        ::sigprocmask(SIG_UNBLOCK, &one, nullptr);
        ::kill(::getpid(), sig);
    }
    ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128);
}
} // namespace

void dieWithParent(pid_t parent)
{
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent)
        ::_exit(127);
}

void lowerPriority(int nice)
{
    errno = 0;
    const int now = ::getpriority(PRIO_PROCESS, 0);
    if (errno == 0 && nice > now)
        ::setpriority(PRIO_PROCESS, 0, nice);
}

namespace {
// In the supervisor, after the fork: never returns.
[[noreturn]] void supervise(pid_t program, const sigset_t &wanted)
{
    int status = 0;
    bool reaped = false;
    for (;;) {
        for (;;) { // whatever ended
            int st = 0;
            const pid_t p = ::waitpid(-1, &st, WNOHANG);
            if (p == program) {
                status = st;
                reaped = true;
            }
            if (p > 0 || (p < 0 && errno == EINTR))
                continue;
            break;
        }
        if (reaped) { // the program ended: what it left running goes too
            killAll(program, &status, &reaped);
            exitLike(status);
        }
        siginfo_t info;
        const int sig = ::sigwaitinfo(&wanted, &info);
        if (sig == SIGTERM || sig == SIGINT || sig == SIGHUP) {
            killAll(program, &status, &reaped);
            ::_exit(128 + SIGKILL);
        }
    }
}
} // namespace

Supervised startSupervised(const char *path, char *const argv[], const char *dir, char *const envp[])
{
    Supervised out;
    int outPipe[2], errPipe[2];
    if (::pipe2(outPipe, O_CLOEXEC) != 0) {
        out.startError = errno;
        return out;
    }
    if (::pipe2(errPipe, O_CLOEXEC) != 0) {
        out.startError = errno;
        ::close(outPipe[0]);
        ::close(outPipe[1]);
        return out;
    }
    const pid_t parent = ::getpid();
    sigset_t wanted, old;
    sigemptyset(&wanted);
    for (int sig : {SIGTERM, SIGINT, SIGHUP, SIGCHLD})
        sigaddset(&wanted, sig);
    ::pthread_sigmask(SIG_BLOCK, &wanted, &old);
    const pid_t supervisor = ::fork();
    if (supervisor == 0) {
        // The supervisor: only async-signal-safe calls from here on (a fork of a threaded process).
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)
            ::_exit(127);
        ::prctl(PR_SET_CHILD_SUBREAPER, 1);
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        ::sigaction(SIGCHLD, &dfl, nullptr); // ended children wait here to be reaped
        const pid_t program = ::fork();
        if (program == 0) {
            ::setpgid(0, 0); // its own group: whatever it starts ends with it
            // The engine's own handlers (SIGTERM, SIGINT write to its signal pipe) must not run
            // here before the exec resets them.
            for (int sig : {SIGPIPE, SIGTERM, SIGINT, SIGHUP})
                ::sigaction(sig, &dfl, nullptr);
            ::sigprocmask(SIG_SETMASK, &old, nullptr);
            const int null = ::open("/dev/null", O_RDONLY);
            if (null < 0 || ::dup2(null, 0) < 0 || ::dup2(outPipe[1], 1) < 0 ||
                ::dup2(outPipe[1], 2) < 0 || ::chdir(dir) != 0) {
                const int e = errno;
                [[maybe_unused]] const ssize_t n = ::write(errPipe[1], &e, sizeof e);
                ::_exit(127);
            }
            if (envp)
                ::execve(path, argv, envp);
            else
                ::execv(path, argv);
            const int e = errno;
            [[maybe_unused]] const ssize_t n = ::write(errPipe[1], &e, sizeof e);
            ::_exit(127);
        }
        if (program < 0) {
            const int e = errno;
            [[maybe_unused]] const ssize_t n = ::write(errPipe[1], &e, sizeof e);
            ::_exit(127);
        }
        ::setpgid(program, program); // the same, whichever of the two runs first
        // The pipes are the program's (the caller sees them end when it and all below it end),
        // and nothing else of the engine's (its socket, its lock) stays open here.
#ifdef SYS_close_range
        if (::syscall(SYS_close_range, 0U, ~0U, 0U) != 0)
#endif
            for (int fd = 0; fd < 65536; ++fd)
                ::close(fd);
        supervise(program, wanted);
    }
    const int forkErrno = errno;
    ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
    ::close(outPipe[1]);
    ::close(errPipe[1]);
    if (supervisor < 0) {
        out.startError = forkErrno;
        ::close(outPipe[0]);
        ::close(errPipe[0]);
        return out;
    }
    // The program's start: its exec closes the pipe (close-on-exec); a failure writes errno.
    int e = 0;
    ssize_t n;
    do
        n = ::read(errPipe[0], &e, sizeof e);
    while (n < 0 && errno == EINTR);
    ::close(errPipe[0]);
    out.supervisor = supervisor;
    out.output = outPipe[0];
    if (n == ssize_t(sizeof e))
        out.startError = e;
    return out;
}

} // namespace chorus::childguard
