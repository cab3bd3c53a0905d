"""HTTP views of the learning networks, per area."""
