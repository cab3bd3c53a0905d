"""Fixtures of the learning-network tests: a network set up through the services."""

from __future__ import annotations

import pytest

from tests.conftest import World
from tests.learning_network.helpers import Net, build_network


@pytest.fixture
def net(world: World) -> Net:
    return build_network(world)
