-- A user whose password someone else chose or saw must change it before doing anything else (issue #25): the first
-- platform operator's generated one-time password, which the log showed once, is the case today.
ALTER TABLE app_user ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
