"""Settings modules: base (everything, from the environment), dev, test and production."""
