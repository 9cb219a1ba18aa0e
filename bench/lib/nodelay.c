/*
 * LD_PRELOAD shim for bench/smpp: sets TCP_NODELAY on every TCP socket a program connects or accepts, so that
 * Kannel (which never sets it) can be measured with Nagle's algorithm off beside its normal run. Bench-only.
 * Built by bench/SmppBench.java with: cc -shared -fPIC -O2 -o nodelay.so nodelay.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

static void nodelay(int fd) {
    int type = 0;
    socklen_t len = sizeof type;
    int saved = errno;
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_STREAM) {
        int on = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    }
    errno = saved;
}

int connect(int fd, const struct sockaddr *addr, socklen_t len) {
    static int (*real)(int, const struct sockaddr *, socklen_t);
    if (!real) real = dlsym(RTLD_NEXT, "connect");
    int rc = real(fd, addr, len);
    if ((rc == 0 || errno == EINPROGRESS) && addr && (addr->sa_family == AF_INET || addr->sa_family == AF_INET6)) {
        nodelay(fd);
    }
    return rc;
}

int accept(int fd, struct sockaddr *addr, socklen_t *len) {
    static int (*real)(int, struct sockaddr *, socklen_t *);
    if (!real) real = dlsym(RTLD_NEXT, "accept");
    int rc = real(fd, addr, len);
    if (rc >= 0) nodelay(rc);
    return rc;
}
