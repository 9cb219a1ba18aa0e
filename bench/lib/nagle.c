/*
 * LD_PRELOAD shim for bench/smpp: turns TCP_NODELAY off again on every TCP socket the program connects to port
 * $NAGLE_PORT, so that Parley's SMPP connection to the sink (on which Parley sets TCP_NODELAY before connecting) can be
 * measured with Nagle's algorithm on, beside its normal run; its other sockets (HTTP) are left as they are. Bench-only;
 * the counterpart of nodelay.c. Built by bench/SmppBench.java with: cc -shared -fPIC -O2 -o nagle.so nagle.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <sys/socket.h>

int connect(int fd, const struct sockaddr *addr, socklen_t len) {
    static int (*real)(int, const struct sockaddr *, socklen_t);
    if (!real) real = dlsym(RTLD_NEXT, "connect");
    int rc = real(fd, addr, len);
    int saved = errno;
    const char *want = getenv("NAGLE_PORT");
    if (want && addr && (rc == 0 || saved == EINPROGRESS)) {
        int port = -1;
        if (addr->sa_family == AF_INET) port = ntohs(((const struct sockaddr_in *) addr)->sin_port);
        if (addr->sa_family == AF_INET6) port = ntohs(((const struct sockaddr_in6 *) addr)->sin6_port);
        if (port == atoi(want)) {
            int off = 0;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &off, sizeof off);
        }
    }
    errno = saved;
    return rc;
}
