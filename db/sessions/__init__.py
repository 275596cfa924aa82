"""Treatment sessions: drafts saved as they are typed, signing, addenda, REMS forms."""
