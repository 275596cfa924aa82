"""Treatment sessions: the form of each modality, the session window, the chart's Sessions
tab, the Spravato REMS worklist and the administrator's pre-dose limits."""
