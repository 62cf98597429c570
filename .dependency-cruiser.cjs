/** Import rules of docs/architecture.md, checked by `npm run lint`. */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'Import cycles make the architecture hard to see.', from: {}, to: { circular: true } },
    { name: 'dialogs-not-bot', severity: 'error', comment: 'dialogs/ never imports bot/: bot/ implements the ports dialogs/ declares.', from: { path: '^dialogs/' }, to: { path: '^bot/' } },
    { name: 'knowledge-not-bot', severity: 'error', comment: 'knowledge/ never imports bot/.', from: { path: '^knowledge/' }, to: { path: '^bot/' } },
    { name: 'knowledge-not-dialogs', severity: 'error', comment: 'knowledge/ is below dialogs/.', from: { path: '^knowledge/' }, to: { path: '^dialogs/' } },
    { name: 'knowledge-no-botbuilder', severity: 'error', comment: 'knowledge/ stays usable without a bot.', from: { path: '^knowledge/' }, to: { path: 'node_modules/(botbuilder|botframework-)' } },
    { name: 'scripts-only-knowledge-and-config', severity: 'error', comment: 'scripts/ are thin tools over knowledge/, bot/config and the pure safety detector (bench may start the app; referent manages console accounts; channel-webhook registers the messaging webhooks; db-template makes the embedded database template).', from: { path: '^scripts/', pathNot: '^scripts/(bench|referent|channel-webhook|db-template)' }, to: { path: '^(bot/(?!config/)|dialogs/(?!safety/))' } },
    { name: 'handoff-no-botbuilder', severity: 'error', comment: 'bot/handoff is the case lifecycle: no Bot Framework inside, so channels stay replaceable.', from: { path: '^bot/handoff/' }, to: { path: 'node_modules/(botbuilder|botframework-)' } },
    { name: 'console-not-dialogs', severity: 'error', comment: 'The console speaks to the handoff only, never to the conversation.', from: { path: '^bot/console/' }, to: { path: '^dialogs/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
