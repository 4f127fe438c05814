-- wrk script: every request carries If-None-Match with the ETag given in $ETAG (expects 304s).
wrk.headers["If-None-Match"] = os.getenv("ETAG")
