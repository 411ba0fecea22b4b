<#ftl output_format="plainText">
${msg("registration.mailBody")}

${link}

${msg("passwordLink.mailLifetime", linkLifetimeMinutes)}
${msg("passwordLink.mailConfirm")}

${msg("registration.mailIgnore")}
