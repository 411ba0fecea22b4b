<#ftl output_format="plainText">
${msg("forgotPassword.mailBody")}

${link}

${msg("passwordLink.mailLifetime", linkLifetimeMinutes)}
${msg("passwordLink.mailConfirm")}

${msg("passwordLink.mailIgnore")}
