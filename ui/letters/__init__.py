"""Letters on screen: the chart's Letters tab, the Letters area with its batch run, the
composer with its preview, printing and saving, the annual review form, and the letterhead
and signing-details settings."""
