"""The SSRF guard: URLs come from users, so a fetch connects only to public addresses.

The host is resolved once, in the form httpx sends (IDNA 2008 A-labels, ``URL.raw_host``), every
address it resolves to is vetted, and the transport connects to the vetted address itself, so a
second DNS answer (rebinding) never reaches a socket. Refusals name the host, never the address,
so the guard does not tell API users which internal names exist or where they point."""

import asyncio
import ipaddress
import socket

import httpx

from extraction.fetch.errors import FetchError, Refused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

REFUSAL = (
    "Refused: {host} is not a public address "
    "(set FETCH_ALLOW_PRIVATE_ADDRESSES=true to fetch local pages)"
)
DEFAULT_PORTS = {"http": 80, "https": 443}


def embedded_addresses(ip: IPAddress) -> list[IPAddress]:
    """The address and every IPv4 address it carries: IPv4-mapped, 6to4 and Teredo (both the
    server and the client) IPv6 addresses reach the IPv4 address inside them."""
    found = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            found.append(ip.ipv4_mapped)
        if ip.sixtofour:
            found.append(ip.sixtofour)
        if ip.teredo:
            found.extend(ip.teredo)
    return found


def is_public_address(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    return all(
        each.is_global and not (each.is_multicast or each.is_reserved)
        for each in embedded_addresses(ip)
    )


async def resolve(name: str, port: int) -> list[str]:
    """The addresses of ``name``, an ASCII (A-label) host name, from the system resolver."""
    infos = await asyncio.get_running_loop().getaddrinfo(name, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


async def vetted_address(url: httpx.URL) -> str:
    """The public address to connect to for ``url``; ``Refused`` if any address is not public."""
    name = url.raw_host.decode("ascii")
    try:
        addresses = [str(ipaddress.ip_address(name))]
    except ValueError:
        try:
            addresses = await resolve(name, url.port or DEFAULT_PORTS.get(url.scheme, 80))
        except (OSError, UnicodeError) as exc:
            reason = getattr(exc, "strerror", None) or type(exc).__name__
            raise FetchError(f"DNS: cannot resolve {url.host} ({reason})") from None
    if not addresses or not all(is_public_address(address) for address in addresses):
        raise Refused(REFUSAL.format(host=url.host))
    return addresses[0]
