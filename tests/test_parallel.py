"""kg.pipeline.parallel: results in input order, a bounded window, a broken pool falls back."""

from __future__ import annotations

from concurrent.futures import BrokenExecutor, Future, ThreadPoolExecutor

import pytest

from kg.pipeline.parallel import OrderedWindow, default_jobs, extract_file, open_executor


def test_parallel_window_returns_results_in_submission_order():
    import time

    def slow_square(x: int) -> int:
        time.sleep(0.01 * (5 - x))  # the first items finish last
        return x * x

    with ThreadPoolExecutor(4) as pool:
        w = OrderedWindow(lambda x: pool.submit(slow_square, x), range(5), window=3)
        assert [w.next() for _ in range(5)] == [0, 1, 4, 9, 16]
        with pytest.raises(StopIteration):
            w.next()


def test_parallel_window_keeps_at_most_window_items_in_flight():
    submitted: list[int] = []

    def submit(x):
        submitted.append(x)
        f: Future = Future()
        f.set_result(x)
        return f

    w = OrderedWindow(submit, range(10), window=3)
    w.fill()
    assert submitted == [0, 1, 2]
    for returned in range(1, 11):
        assert w.next() == returned - 1
        assert len(submitted) - returned <= 3  # submitted but not yet handed back


def test_parallel_broken_pool_hands_the_rest_to_the_fallback(caplog):
    class Broken:
        def result(self):
            raise BrokenExecutor("worker killed")

        def cancel(self):
            return False

    class Done:
        def __init__(self, x):
            self.x = x

        def result(self):
            return ("fallback", self.x)

        def cancel(self):
            return False

    w = OrderedWindow(lambda x: Broken(), range(4), window=2, fallback=Done)
    assert [w.next() for _ in range(4)] == [("fallback", i) for i in range(4)]
    assert "in this process" in caplog.text


def test_parallel_serial_backend_for_one_file_and_default_jobs(tmp_path):
    assert default_jobs() >= 1
    with open_executor(jobs=4, n_items=1) as executor:
        assert executor.name == "serial" and executor.fallback is None


def test_parallel_worker_reports_a_binary_file_as_a_problem(tmp_path):
    f = tmp_path / "b.txt"
    f.write_bytes(b"\x00\x01\x02" * 100)
    r = extract_file(str(f))
    assert r.extraction is None and r.sha256 is None
    assert r.problem.startswith(str(f)) and "not text" in r.problem
    assert len(r.fingerprint) == 64
