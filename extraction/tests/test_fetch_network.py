"""The fetcher's asyncio network layer on its own: timeouts, closed connections, and a server that
pushes bytes nobody asked for."""

import asyncio
import contextlib
import socket

import httpcore
import pytest

from extraction.fetch.network import READ_HIGH_WATER, AsyncioBackend


async def serve(handler) -> tuple[asyncio.AbstractServer, int]:
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, 20))


def test_a_silent_server_is_a_read_timeout():
    async def silent(reader, writer):
        await asyncio.sleep(5)

    async def scenario():
        server, port = await serve(silent)
        async with server:
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=2)
            with pytest.raises(httpcore.ReadTimeout):
                await stream.read(1024, timeout=0.2)
            await stream.aclose()

    run(scenario())


def test_reads_return_what_arrived_then_nothing_at_the_end():
    async def answer(reader, writer):
        writer.write(b"hello world")
        await writer.drain()
        writer.close()

    async def scenario():
        server, port = await serve(answer)
        async with server:
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=2)
            received = b""
            while chunk := await stream.read(4, timeout=2):
                assert len(chunk) <= 4
                received += chunk
            assert received == b"hello world"
            assert stream.get_extra_info("is_readable") is True  # closed: not reusable

    run(scenario())


def test_a_reset_connection_is_a_read_error():
    async def reset(reader, writer):
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        writer.transport.abort()

    async def scenario():
        server, port = await serve(reset)
        async with server:
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=2)
            await asyncio.sleep(0.2)
            with contextlib.suppress(httpcore.ReadError):  # either is "closed" to httpcore
                assert await stream.read(1024, timeout=2) == b""

    run(scenario())


def test_a_server_pushing_to_an_idle_connection_fills_a_bounded_buffer():
    pushed = 0

    async def flood(reader, writer):
        nonlocal pushed
        block = b"x" * 65536
        try:
            for _ in range(1000):  # 64 MB if nobody stops it
                writer.write(block)
                await writer.drain()
                pushed += len(block)
        except ConnectionError:
            pass

    async def scenario():
        server, port = await serve(flood)
        async with server:
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=2)
            assert stream.get_extra_info("is_readable") is False
            await asyncio.sleep(1.0)
            buffered = len(stream._protocol.buffer)
            assert stream.get_extra_info("is_readable") is True  # httpcore drops the connection
            await stream.aclose()
            return buffered

    buffered = run(scenario())
    assert buffered <= READ_HIGH_WATER + 1024 * 1024
    assert pushed < 32 * 1024 * 1024


def test_a_refused_connection_is_a_connect_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    async def scenario():
        with pytest.raises(httpcore.ConnectError):
            await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=2)

    run(scenario())


def test_a_server_that_reads_nothing_is_a_write_timeout():
    async def deaf(reader, writer):
        await asyncio.sleep(5)

    async def scenario():
        server, port = await serve(deaf)
        async with server:
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=2)
            with pytest.raises(httpcore.WriteTimeout):
                await stream.write(b"x" * (64 * 1024 * 1024), timeout=0.3)
            await stream.aclose()

    run(scenario())
