"""Evaluation: pandas indicators, outcomes against the 2016 baseline, cost-benefit, exports (issue 7)."""
