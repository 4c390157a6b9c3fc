"""The tests marked heavy are handed to xdist first, the others keep their order."""

from __future__ import annotations

import pytest

from tests.conftest import pytest_collection_modifyitems

pytest_plugins = ["pytester"]


def test_heavy_tests_come_first_and_each_part_keeps_its_order(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_mixed="""
        import pytest

        def test_a(): pass

        @pytest.mark.heavy
        def test_b(): pass

        def test_c(): pass

        @pytest.mark.heavy
        def test_d(): pass
        """
    )
    pytester.makeini("[pytest]\nmarkers =\n    heavy: long")
    items, _ = pytester.inline_genitems()
    pytest_collection_modifyitems(items)
    assert [item.name for item in items] == ["test_b", "test_d", "test_a", "test_c"]
