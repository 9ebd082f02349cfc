"""A class at once: N players answer the same 10-question pack through ``quiz serve``.

Run it from the repository (loopback only; it stops by itself)::

    uv run --group dev python tests/benchmarks/bench_class.py            # 30 players
    uv run --group dev python tests/benchmarks/bench_class.py --players 5

Each player is a browser tab as textual.js drives one (see ``tests/e2e/browser.py``):
a websocket, a name, then ten answers. After each key the tab's player file is
read until it holds that answer: *answer → saved* is the time from sending the
key to the answer being on disk. At the end every file must hold one round of
ten answers (answers lost: 0). The resident memory of the server and every game
process is summed while all of them are in their round. Not part of
``run.py --quick``: thirty game processes take tens of seconds to start on a small
machine.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import aiohttp

from quiz.store.schema import ROUND_FIELDS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))

from browser import Server, Tab  # noqa: E402

QUESTIONS = 10
VERDICTS = ("supported", "contradicted", "not-stated")
LIMIT_SECONDS = 300.0


def write_pack(folder: Path) -> tuple[Path, dict[str, tuple[str, str]]]:
    """A pack of ten claims with no source text, and each claim's prompt and verdict."""
    claims = {
        f"q{n}": (f"Claim number {n} of the class benchmark", VERDICTS[n % 3])
        for n in range(1, QUESTIONS + 1)
    }
    parts = ['format = 1\n[pack]\nid = "bench-class"\ntitle = "Class benchmark"\n']
    for qid, (prompt, verdict) in claims.items():
        parts.append(
            f'[[questions]]\nid = "{qid}"\nkind = "verdict"\nprompt = "{prompt}"\n'
            f'answer = "{verdict}"\nevidence = ["e {qid}"]\nexplanation = "because {qid}"\n'
        )
    path = folder / "bench-class.toml"
    path.write_text("\n".join(parts), "utf-8")
    return path, claims


def answers_on_disk(path: Path) -> int:
    """How many answers of the current or finished round the player's file holds."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return 0
    if data.get("rounds"):
        return int(data["rounds"][-1][ROUND_FIELDS.index("answered")])
    return len(data.get("current", {}).get("answers", []))


def identity(path: Path) -> tuple[int, int]:
    """The file a name leads to now (inode and change time)."""
    try:
        found = path.stat()
    except OSError:
        return (0, 0)
    return (found.st_ino, found.st_ctime_ns)


def rss_kib(pid: int) -> int:
    """A process's resident memory and its descendants', in KiB (Linux /proc)."""
    total = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += rss_kib(int(child))
    except OSError:
        pass
    return total


async def player(
    client: aiohttp.ClientSession,
    url: str,
    name: str,
    file: Path,
    claims: dict[str, tuple[str, str]],
    started: asyncio.Barrier,
    latencies: list[float],
) -> None:
    """Join as ``name``, then answer every claim right, timing each save."""
    tab = await Tab(client, url).open()
    await tab.wait_text("What is your name?", timeout=LIMIT_SECONDS)
    await tab.send(name + "\r")
    await tab.wait_text(f"Question 1 of {QUESTIONS}", timeout=LIMIT_SECONDS)
    await started.wait()
    for number in range(1, QUESTIONS + 1):
        text = await tab.wait_text(f"Question {number} of {QUESTIONS}")
        [verdict] = [v for prompt, v in claims.values() if prompt + " " in text + " "]
        before = identity(file)
        sent = time.perf_counter()
        await tab.send(str(VERDICTS.index(verdict) + 1))
        while True:
            # Every save puts a new file in place: parse only when the name leads elsewhere.
            now = identity(file)
            if now != before:
                before = now
                if answers_on_disk(file) >= number:
                    break
            await asyncio.sleep(0.005)
        latencies.append(time.perf_counter() - sent)
        await tab.wait_text("because ")
        await tab.send("\r")
    await tab.wait_text("Round complete")
    await tab.close()


async def play_class(server: Server, data: Path, players: int, claims: dict) -> dict[str, float]:
    names = [f"student{n:02d}" for n in range(1, players + 1)]
    started = asyncio.Barrier(players + 1)
    latencies: list[float] = []
    async with aiohttp.ClientSession() as client:
        games = [
            asyncio.create_task(
                player(
                    client,
                    server.url,
                    name,
                    data / "players" / f"{name}.toml",
                    claims,
                    started,
                    latencies,
                )
            )
            for name in names
        ]
        await started.wait()  # every player is in the round
        memory = rss_kib(server.process.pid)
        begun = time.perf_counter()
        await asyncio.gather(*games)
        elapsed = time.perf_counter() - begun
    lost = sum(QUESTIONS - answers_on_disk(data / "players" / f"{n}.toml") for n in names)
    latencies.sort()
    return {
        "players": players,
        "answers": len(latencies),
        "lost": lost,
        "median_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "max_ms": 1000 * latencies[-1],
        "rss_mib": memory / 1024,
        "round_seconds": elapsed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--players", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="quiz-bench-class-") as temporary:
        folder = Path(temporary)
        pack, claims = write_pack(folder)
        server = Server(folder / "data", "--pack", str(pack))
        try:
            server.wait_ready()
            figures = asyncio.run(
                asyncio.wait_for(
                    play_class(server, folder / "data", args.players, claims), LIMIT_SECONDS
                )
            )
        finally:
            server.stop()
    print(
        f"{figures['players']} players, {figures['answers']} answers, "
        f"{figures['lost']} lost; answer -> saved median {figures['median_ms']:.0f} ms, "
        f"p95 {figures['p95_ms']:.0f} ms, max {figures['max_ms']:.0f} ms; "
        f"RSS of the server and every game {figures['rss_mib']:.0f} MiB; "
        f"the round took {figures['round_seconds']:.1f} s"
    )
    return 1 if figures["lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
