"""Where a download may connect: the address policy of a service that fetches URLs for others.

A server that fetches a caller's URL must not reach its own network on the
caller's behalf (server-side request forgery): loopback, private, link-local
(``169.254.169.254``, the cloud metadata address), multicast, reserved and
unspecified addresses are refused with ``fetch_address_refused``. The check is
made on every redirect hop, after DNS: the host is resolved here, every
address it resolves to must pass, and the connection is then made to the
checked address itself (the hop's ``Host`` header and TLS name are kept), so a
name that resolves differently a moment later (DNS rebinding) cannot slip past.

``allow`` lists exact ``address:port`` pairs let through anyway (IPv6 as
``[::1]:8080``): a test's own loopback server, or a deployment's internal
page source. It is empty by default. The CLI sets no policy and connects as
before; ``FetchSettings.address_policy`` switches this on.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3

from extractor.errors import Code, ExtractorError

DEFAULT_PORTS = {"http": 80, "https": 443}
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class AddressPolicy:
    allow: tuple[str, ...] = ()  # "127.0.0.1:8080", "[::1]:8080": exceptions, exact address and port

    def checked_address(self, url: str) -> str:
        """The address to connect to for ``url``; ``fetch_address_refused`` if any it resolves to is internal."""
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port or DEFAULT_PORTS.get(parts.scheme.lower(), 80)
        if not host:
            raise ExtractorError(Code.FETCH_CONNECTION, f"no host in the URL {url!r}")
        addresses = resolve(host, port)
        for address in addresses:
            if is_internal(address) and endpoint(address, port) not in self.allow:
                raise ExtractorError(
                    Code.FETCH_ADDRESS_REFUSED,
                    f"{host} resolves to {address}, an internal address: refused ({url})")
        return str(addresses[0])


def endpoint(address: Address, port: int) -> str:
    return f"[{address}]:{port}" if address.version == 6 else f"{address}:{port}"


def resolve(host: str, port: int) -> list[Address]:
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise ExtractorError(Code.FETCH_CONNECTION, f"cannot resolve {host}: {err}") from err
    addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in found]
    return list(dict.fromkeys(addresses))


def is_internal(address: Address) -> bool:
    """Not a public unicast address: what a fetch for a caller must never reach."""
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (not address.is_global or address.is_multicast or address.is_loopback or address.is_link_local
            or address.is_private or address.is_reserved or address.is_unspecified)


class PinnedSender:
    """Sends one GET per hop to the address the policy checked, one connection pool per hop."""

    def __init__(self, policy: AddressPolicy, headers: dict[str, str]) -> None:
        self.policy = policy
        self.headers = headers
        self.pools: list[urllib3.HTTPConnectionPool] = []

    def send(self, url: str, timeout: urllib3.Timeout) -> urllib3.BaseHTTPResponse:
        parts = urlsplit(url)
        address = self.policy.checked_address(url)
        port = parts.port or DEFAULT_PORTS[parts.scheme.lower()]
        headers = {**self.headers, "Host": parts.netloc.rsplit("@", 1)[-1]}
        if parts.scheme.lower() == "https":
            pool = urllib3.HTTPSConnectionPool(address, port, headers=headers, retries=False,
                                               server_hostname=parts.hostname, assert_hostname=parts.hostname)
        else:
            pool = urllib3.HTTPConnectionPool(address, port, headers=headers, retries=False)
        self.pools.append(pool)
        path = parts.path or "/"
        target = f"{path}?{parts.query}" if parts.query else path
        return pool.urlopen("GET", target, redirect=False, preload_content=False, timeout=timeout,
                            assert_same_host=False, release_conn=False)

    def close(self) -> None:
        for pool in self.pools:
            pool.close()
