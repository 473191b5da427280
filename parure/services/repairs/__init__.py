"""Repair jobs: the envelope, the task catalogue, bench jewelers and outside vendors, stages by scan."""
