-- Appends one event to its chain in a single call (decision 12): takes the chain's lock for the rest of the
-- transaction, reads the chain's last hash after the lock, and stores the event with
-- hash = sha256(previous hash || canonical JSON of its fields), the canonical JSON made by the application.
-- VOLATILE, so the read after the lock sees what writers before it committed.
CREATE OR REPLACE FUNCTION audit_append(
  p_chain_key text, p_at timestamptz, p_actor_user_id uuid, p_actor_token_id uuid, p_actor_organisation_id uuid,
  p_entity_type text, p_entity_id text, p_owner_organisation_id uuid, p_action text, p_before jsonb, p_after jsonb,
  p_request_id text, p_canonical text
) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  previous text;
BEGIN
  PERFORM pg_advisory_xact_lock(7210001, hashtext(p_chain_key));
  SELECT hash INTO previous FROM audit_events WHERE chain_key = p_chain_key ORDER BY id DESC LIMIT 1;
  previous := coalesce(previous, repeat('0', 64));
  INSERT INTO audit_events (at, actor_user_id, actor_token_id, actor_organisation_id, entity_type, entity_id,
                            owner_organisation_id, action, before, after, request_id, chain_key, prev_hash, hash)
  VALUES (p_at, p_actor_user_id, p_actor_token_id, p_actor_organisation_id, p_entity_type, p_entity_id,
          p_owner_organisation_id, p_action, p_before, p_after, p_request_id, p_chain_key, previous,
          encode(sha256(convert_to(previous || p_canonical, 'UTF8')), 'hex'));
END;
$$;
