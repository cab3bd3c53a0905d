"""The public gereedschapskist (toolbox): approaches, finder, compare, news."""
