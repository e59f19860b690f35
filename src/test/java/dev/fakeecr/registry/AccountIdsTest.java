package dev.fakeecr.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

/** An account id is exactly twelve ASCII digits. */
class AccountIdsTest {
    @Test
    void onlyTwelveAsciiDigitsAreAnAccountId() {
        assertThat(AccountIds.isValid("012345678901")).isTrue();
        assertThat(AccountIds.isValid("01234567890")).isFalse();
        assertThat(AccountIds.isValid("0123456789012")).isFalse();
        assertThat(AccountIds.isValid("٠١٢٣٤٥٦٧٨٩٠١")).as("Arabic-Indic digits").isFalse();
        assertThat(AccountIds.isValid(null)).isFalse();
    }

    @Test
    void requireNamesWhatIsMissingOrWrong() {
        assertThat(AccountIds.require("123456789012", "accountId")).isEqualTo("123456789012");
        assertThatNullPointerException().isThrownBy(() -> AccountIds.require(null, "accountId"))
                .withMessage("accountId");
        assertThatIllegalArgumentException().isThrownBy(() -> AccountIds.require("1234", "accountId"))
                .withMessage("an account id is 12 digits: 1234");
    }
}
