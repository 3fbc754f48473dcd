//! Console accounts (admins only): list, create, change role, reset password, disable.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{Role, UserSummary};

#[cfg(feature = "ssr")]
async fn audit(admin: &str, action: &str, target: &str) {
    let state = crate::ssr::auth::state();
    crate::ssr::activity::record(
        &state.db,
        crate::ssr::activity::Entry {
            username: admin,
            action,
            targets: &[target.to_string()],
            outcome: "ok",
            request_id: None,
            detail: None,
        },
    )
    .await;
}

#[cfg(feature = "ssr")]
fn parse_role(role: &str) -> Result<Role, AppError> {
    Role::parse(role).ok_or_else(|| {
        crate::ssr::auth::respond(AppError::invalid("role", format!("\"{role}\" is not a role of this console.")))
    })
}

#[server(prefix = "/api", endpoint = "users/list")]
pub async fn list_users() -> Result<Vec<UserSummary>, AppError> {
    crate::ssr::require_permission(crate::model::roles::CONSOLE_USERS).await?;
    let state = crate::ssr::auth::state();
    crate::ssr::accounts::list(&state.db).await.map_err(crate::ssr::accounts::internal)
}

#[server(prefix = "/api", endpoint = "users/create")]
pub async fn create_user(username: String, password: String, role: String) -> Result<(), AppError> {
    use crate::ssr::auth::respond;
    let admin = crate::ssr::require_permission(crate::model::roles::CONSOLE_USERS).await?;
    let role = parse_role(&role)?;
    let state = crate::ssr::auth::state();
    crate::ssr::accounts::create(&state.db, username.trim(), &password, role).await.map_err(respond)?;
    audit(&admin.username, "console:CreateUser", username.trim()).await;
    Ok(())
}

#[server(prefix = "/api", endpoint = "users/set-role")]
pub async fn set_user_role(username: String, role: String) -> Result<(), AppError> {
    use crate::ssr::auth::respond;
    let admin = crate::ssr::require_permission(crate::model::roles::CONSOLE_USERS).await?;
    let role = parse_role(&role)?;
    let state = crate::ssr::auth::state();
    crate::ssr::accounts::set_role(&state.db, &username, role).await.map_err(respond)?;
    audit(&admin.username, &format!("console:SetRole:{role}"), &username).await;
    Ok(())
}

#[server(prefix = "/api", endpoint = "users/reset-password")]
pub async fn reset_user_password(username: String, password: String) -> Result<(), AppError> {
    use crate::ssr::auth::respond;
    let admin = crate::ssr::require_permission(crate::model::roles::CONSOLE_USERS).await?;
    let state = crate::ssr::auth::state();
    crate::ssr::accounts::reset_password(&state.db, &username, &password).await.map_err(respond)?;
    audit(&admin.username, "console:ResetPassword", &username).await;
    Ok(())
}

#[server(prefix = "/api", endpoint = "users/set-disabled")]
pub async fn set_user_disabled(username: String, disabled: bool) -> Result<(), AppError> {
    use crate::ssr::auth::respond;
    let admin = crate::ssr::require_permission(crate::model::roles::CONSOLE_USERS).await?;
    if disabled && admin.username == username {
        return Err(respond(AppError::invalid("disabled", "You cannot disable your own account.")));
    }
    let state = crate::ssr::auth::state();
    crate::ssr::accounts::set_disabled(&state.db, &username, disabled).await.map_err(respond)?;
    audit(&admin.username, if disabled { "console:DisableUser" } else { "console:EnableUser" }, &username).await;
    Ok(())
}
