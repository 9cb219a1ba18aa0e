-- Web-chat access tokens (issue 14; ADR 0027) are HS256 JWTs signed with an API key's secret, so verifying one needs
-- the secret itself, not only its hash. Kept for keys created from now on, as the account's auth token is kept; a key
-- created before has none (its tokens are refused with a reason saying to create a new key). Deleting the key takes
-- the secret with its row, which revokes every token signed with it.
ALTER TABLE api_keys ADD COLUMN signing_secret VARCHAR(255);
