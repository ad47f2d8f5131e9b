"""The outbox: every piece of work a change sends out of the process, recorded with the change.

A change that must cause a delivery (an e-mail, a status-list publication, a
bulk file to process, later webhooks and wallet offers) calls
``outbox.actions.enqueue`` inside its own transaction. The row commits or rolls
back with the change; once it commits it is handed to the broker, and if the
broker cannot take it, a periodic sweep hands it over later. A message is done
when its task has run to the end, so a broker that loses queued work (a Redis
restart) delays it, and never loses it.
"""
