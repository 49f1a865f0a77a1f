"""The editorial calendar: dated items of other areas gathered into one month or week view, and .ics export."""
