"""Stage: claims. Attribution, stance, hedges and the quantities statements give."""
