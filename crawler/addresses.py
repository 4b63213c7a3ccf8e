"""Which addresses LINKHEALTH_BLOCK_PRIVATE_ADDRESSES refuses, and the resolver that makes
the check hold: a host's name is resolved once, checked, and every connection to it in the
run goes to the addresses that were checked (DNS rebinding: a name that answers a public
address to the check and a loopback one to the connection is not followed).

:class:`PinnedResolver` wraps the reactor's name resolver (whatever ``DNS_RESOLVER`` made
it), so ``AddressPolicyMiddleware`` checks with the same lookup the download then uses.
Names the middleware never checked (a forward proxy's, which the operator configured)
resolve as before.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.defer import Deferred
from twisted.internet.error import DNSLookupError
from twisted.internet.interfaces import IHostnameResolver, IResolutionReceiver
from zope.interface import implementer

BLOCKED_NETWORKS = [
    ipaddress.ip_network(n)
    for n in (
        "127.0.0.0/8",
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "169.254.0.0/16",
        "100.64.0.0/10",
        "0.0.0.0/8",
        "192.0.0.0/24",  # IETF protocol assignments (DS-Lite, NAT64 discovery)
        "198.18.0.0/15",  # benchmarking: routed inside some data centres
        "::1/128",
        "fc00::/7",
        "fe80::/10",
        "::/128",
    )
]


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for, where the network would deliver to it:
    IPv4-mapped (``::ffff:a.b.c.d``), 6to4 (``2002::/16``), Teredo's client, NAT64
    (``64:ff9b::/96``)."""
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in ipaddress.ip_network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_private_address(address: str, allowed: tuple[Any, ...] = ()) -> bool:
    """Loopback, private, link-local, cloud metadata, reserved or multicast, directly or
    inside an IPv6 address; ``allowed`` networks are exempt (an intranet host the
    catalogue is meant to reach)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        ip = _embedded_ipv4(ip) or ip
    if any(ip.version == net.version and ip in net for net in allowed):
        return False
    return any(ip in net for net in BLOCKED_NETWORKS) or ip.is_multicast or ip.is_reserved


def allowed_networks(values: list[str]) -> tuple[Any, ...]:
    """``LINKHEALTH_ALLOWED_PRIVATE_NETWORKS`` as networks ("10.1.2.0/24", "fd00::5")."""
    return tuple(ipaddress.ip_network(v.strip(), strict=False) for v in values if v.strip())


class AddressRefused(Exception):
    """A host resolves (or is) an address the policy refuses."""


@implementer(IResolutionReceiver)
class _Collect:
    """Gathers one resolution's addresses into a Deferred."""

    def __init__(self) -> None:
        self.addresses: list[str] = []
        self.done: Deferred = Deferred()

    def resolutionBegan(self, resolution) -> None:
        pass

    def addressResolved(self, address) -> None:
        self.addresses.append(address.host)

    def resolutionComplete(self) -> None:
        self.done.callback(self.addresses)


class _Resolution:
    def __init__(self, name: str) -> None:
        self.name = name

    def cancel(self) -> None:  # pragma: no cover - nothing to cancel: the answer is known
        pass


@implementer(IHostnameResolver)
class PinnedResolver:
    """The reactor's resolver, checked and pinned per host name for the whole run."""

    def __init__(self, inner, allowed: tuple[Any, ...] = ()) -> None:
        self.inner = inner
        self.allowed = allowed
        self.pinned: dict[str, list[str]] = {}  # name -> the checked addresses
        self.refused: dict[str, str] = {}  # name -> the first refused address
        self._waiting: dict[str, list[Deferred]] = {}

    @classmethod
    def install(cls, reactor, allowed: tuple[Any, ...] = ()) -> PinnedResolver:
        """Wrap the reactor's name resolver (once per process)."""
        current = reactor.nameResolver
        if isinstance(current, cls):
            return current
        pinned = cls(current, allowed)
        reactor.installNameResolver(pinned)
        return pinned

    def check(self, name: str) -> Deferred:
        """The addresses of ``name``, resolved once per run; fails with AddressRefused when
        one is refused, or with the lookup's own error (not pinned: tried again later)."""
        key = name.lower().rstrip(".")
        result: Deferred = Deferred()
        if key in self.refused:
            result.errback(AddressRefused(f"{name} resolves to a private address {self.refused[key]}"))
            return result
        if key in self.pinned:
            result.callback(list(self.pinned[key]))
            return result
        waiting = self._waiting.setdefault(key, [])
        waiting.append(result)
        if len(waiting) == 1:
            collect = _Collect()
            self.inner.resolveHostName(collect, name, 0)
            collect.done.addCallbacks(
                lambda found: self._decided(key, name, found), lambda failure: self._release(key, failure.value)
            )
        return result

    def _decided(self, key: str, name: str, found: list[str]) -> None:
        if not found:
            self._release(key, DNSLookupError(f"no address for {name}"))
            return
        bad = [a for a in found if is_private_address(a, self.allowed)]
        if bad:
            self.refused[key] = bad[0]
            self._release(key, AddressRefused(f"{name} resolves to a private address {bad[0]}"))
        else:
            self.pinned[key] = found
            self._release(key, None, found)

    def _release(self, key: str, error, found: list[str] | None = None) -> None:
        for waiter in self._waiting.pop(key, []):
            if error is None:
                waiter.callback(list(found or []))
            else:
                waiter.errback(error)

    def resolveHostName(
        self, resolutionReceiver, hostName: str, portNumber: int = 0, addressTypes=None, transportSemantics: str = "TCP"
    ):
        """Connections: a checked name gets its pinned addresses, a refused one none; a
        name never checked (a proxy's) is resolved as before."""
        key = hostName.lower().rstrip(".")
        if key not in self.pinned and key not in self.refused:
            return self.inner.resolveHostName(
                resolutionReceiver, hostName, portNumber, addressTypes, transportSemantics
            )
        resolution = _Resolution(hostName)
        resolutionReceiver.resolutionBegan(resolution)
        for host in self.pinned.get(key, []):
            kind = IPv6Address if ":" in host else IPv4Address
            if addressTypes is None or kind in addressTypes:
                resolutionReceiver.addressResolved(kind("TCP", host, portNumber))
        resolutionReceiver.resolutionComplete()
        return resolution
