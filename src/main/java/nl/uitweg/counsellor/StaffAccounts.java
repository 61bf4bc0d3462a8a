package nl.uitweg.counsellor;

import org.springframework.data.repository.reactive.ReactiveCrudRepository;

interface StaffAccounts extends ReactiveCrudRepository<StaffAccount, String> {

}
