package nl.uitweg.counsellor;

import java.time.Instant;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A staff member's account. The username is the document id, so two instances creating
 * the same account at once collide on the key instead of creating two.
 */
@Document("staff")
public record StaffAccount(@Id String username, String passwordHash, String displayName, Set<Role> roles, int capacity,
		boolean enabled, Instant createdAt) {

	public boolean hasRole(Role role) {
		return this.roles.contains(role);
	}

	public StaffAccount withPasswordHash(String hash) {
		return new StaffAccount(this.username, hash, this.displayName, this.roles, this.capacity, this.enabled,
				this.createdAt);
	}

}
