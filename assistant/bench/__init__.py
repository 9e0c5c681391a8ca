"""``assistant bench``: the latency benchmark, measured from the client's side of the socket."""
