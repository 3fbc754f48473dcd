//! Console accounts (admins only): list, create, change role, reset password, disable.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::UserSummary;
#[cfg(feature = "ssr")]
use crate::model::Role;

#[cfg(feature = "ssr")]
async fn audit(ctx: &crate::ssr::auth::Ctx, admin: &str, action: &str, target: &str) {
    crate::ssr::activity::change(admin, action).target(target).record(&ctx.state.db).await;
}

#[cfg(feature = "ssr")]
fn parse_role(ctx: &crate::ssr::auth::Ctx, role: &str) -> Result<Role, AppError> {
    Role::parse(role)
        .ok_or_else(|| {
            let msg = crate::i18n::td_string!(ctx.locale(), users.rules.bad_role, role).to_string();
            ctx.respond(AppError::invalid("role", msg))
        })
}

#[server(prefix = "/api", endpoint = "users/list")]
pub async fn list_users() -> Result<Vec<UserSummary>, AppError> {
    let ctx = crate::ssr::require_permission(crate::model::roles::CONSOLE_USERS).await?.ctx;
    crate::ssr::accounts::list(&ctx.state.db).await.map_err(|e| ctx.respond(crate::ssr::accounts::internal(e)))
}

#[server(prefix = "/api", endpoint = "users/create")]
pub async fn create_user(username: String, password: String, role: String) -> Result<(), AppError> {
    let crate::ssr::auth::Authorized { user: admin, ctx } =
        crate::ssr::require_permission(crate::model::roles::CONSOLE_USERS).await?;
    let respond = |e| ctx.respond(e);
    let role = parse_role(&ctx, &role)?;
    crate::ssr::accounts::create(&ctx.state.db, username.trim(), &password, role).await.map_err(respond)?;
    audit(&ctx, &admin.username, "console:CreateUser", username.trim()).await;
    Ok(())
}

#[server(prefix = "/api", endpoint = "users/set-role")]
pub async fn set_user_role(username: String, role: String) -> Result<(), AppError> {
    let crate::ssr::auth::Authorized { user: admin, ctx } =
        crate::ssr::require_permission(crate::model::roles::CONSOLE_USERS).await?;
    let respond = |e| ctx.respond(e);
    let role = parse_role(&ctx, &role)?;
    crate::ssr::accounts::set_role(&ctx.state.db, &username, role).await.map_err(respond)?;
    audit(&ctx, &admin.username, &format!("console:SetRole:{role}"), &username).await;
    Ok(())
}

#[server(prefix = "/api", endpoint = "users/reset-password")]
pub async fn reset_user_password(username: String, password: String) -> Result<(), AppError> {
    let crate::ssr::auth::Authorized { user: admin, ctx } =
        crate::ssr::require_permission(crate::model::roles::CONSOLE_USERS).await?;
    let respond = |e| ctx.respond(e);
    crate::ssr::accounts::reset_password(&ctx.state.db, &username, &password).await.map_err(respond)?;
    audit(&ctx, &admin.username, "console:ResetPassword", &username).await;
    Ok(())
}

#[server(prefix = "/api", endpoint = "users/set-disabled")]
pub async fn set_user_disabled(username: String, disabled: bool) -> Result<(), AppError> {
    let crate::ssr::auth::Authorized { user: admin, ctx } =
        crate::ssr::require_permission(crate::model::roles::CONSOLE_USERS).await?;
    let respond = |e| ctx.respond(e);
    if disabled && admin.username == username {
        return Err(respond(AppError::invalid("disabled", crate::i18n::td_string!(ctx.locale(), users.rules.not_yourself))));
    }
    crate::ssr::accounts::set_disabled(&ctx.state.db, &username, disabled).await.map_err(respond)?;
    audit(&ctx, &admin.username, if disabled { "console:DisableUser" } else { "console:EnableUser" }, &username).await;
    Ok(())
}
