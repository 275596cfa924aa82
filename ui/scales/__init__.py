"""Rating scales on the chart: entry by keyboard, history, trend chart, safety alerts."""
