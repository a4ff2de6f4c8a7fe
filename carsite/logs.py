"""Logging for operators: a client's mistake is one line, a server's fault keeps its traceback."""

import logging


class ClientErrorsOnOneLine(logging.Filter):
    """Django logs 4xx it expects (a forbidden page, an unknown Host, a body it cannot read) with
    the exception's traceback: dozens of lines a scanner can fill the log with, that say nothing
    the one line does not. 5xx keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500 and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
