import type { ReplyExpectation } from '../ports.js';
import type { CrisisCategory } from '../safety/crisis-detector.js';
import { durationInEnglish, momentInEnglish } from './moments.js';

/** English for those who write in English: the welcome, the safety messages and the most common replies. */
export const en = {
  welcome: [
    "Hi, I'm **Relais** 👋 I'm an automated assistant, not a human.",
    'I answer questions about your rights, housing, health, work, money and papers when you leave child protection care (ASE) in France. Every answer shows its source. If needed, a person from the team can take over.',
    'Your messages are used to answer you and, if you ask for a person from the team, they can read the conversation. Unanswered questions are kept, without your name, to improve Relais. Write "delete my data" at any time.',
    '**Emergency:** 15 or 112 (immediate danger) · 3114 (suicidal thoughts) · 115 (a place to sleep tonight) · 119 (a child or young person in danger).',
  ].join('\n\n'),
  welcomeShort:
    "Hi, I'm **Relais**, an automated assistant, not a human. My answers are written in French, with their official source; I'll keep it simple. Write \"menu\" for topics, \"talk to someone\" for a person, \"delete my data\" at any time. **Emergency:** 15 or 112 · 3114 · 115 · 119.",
  help: 'I answer questions about your rights, housing, health, work, money and papers, in your own words. You can also write: "menu" for topics, "restart" to start over, "cancel" to stop a question, "delete my data" to erase everything, "talk to someone" for a person.',
  seriousDoubt: "This is an important topic and I'm not sure enough of my answer to give it to you. Best is that a person from the team checks with you.",
  notSureAgain: "I still can't find it, sorry. I'm passing your questions to a person from the team.",
  severalProblems: "Your message is about several things at once. I answered part of it; I'm also passing your whole message to a person from the team.",
  didYouMean: 'Maybe you mean:',
  welcomePrompt: 'Ask your question in your own words, or pick a topic:',
  empty: "I didn't get anything. Write your question in a few words, I'm here.",
  notSure: "I'm not sure of the answer and I'd rather not tell you something wrong. You can rephrase, or ask a person from the team.",
  answersInFrench: 'My answers are written in French; ask me if a word is unclear.',
  crisis: {
    suicide: [
      "What you're going through sounds really hard, and you did well to write it. You're not alone.",
      '📞 **3114**: suicide prevention line, free, 24/7. Trained carers listen; you can call now.',
      "🚑 **15** or **112** if you're in danger right now or have already hurt yourself.",
      '💬 **Fil Santé Jeunes**: **0 800 235 236**, free and anonymous.',
    ],
    self_harm: [
      'Thank you for telling me. You deserve to be cared for.',
      "🚑 **15** or **112** if you're bleeding a lot or in danger now.",
      '📞 **3114**: talk to a carer, free, 24/7.',
      '💬 **Fil Santé Jeunes**: **0 800 235 236**, free and anonymous.',
    ],
    violence: [
      'Nobody has the right to hurt you. You did well to say it.',
      "🚓 **17** (police) or **112** if you're in danger now. **114** by text if you can't speak.",
      '📞 **3919**: violence against women, free, anonymous, 24/7.',
      '📞 **119**: if you are under 21 or a child is in danger.',
    ],
    no_shelter: [
      "I'm sorry you're in this situation. Let's find somewhere for tonight.",
      '📞 **115**: emergency shelter, free, 24/7. Call as soon as you can; it may take a while but it works.',
      "🚑 **15** or **112** if you're in danger or ill.",
    ],
    medical: [
      'This is an emergency: call now.',
      "🚑 **15** (ambulance) or **112**. If you can't speak: **114** by text.",
      '📞 **3114** if you wanted to hurt yourself: carers listen 24/7.',
    ],
    child_danger: [
      'Thank you for speaking up, it matters.',
      "📞 **119**: child in danger line, free, 24/7, it doesn't show on the phone bill.",
      '🚓 **17** or **112** if someone is in danger now.',
    ],
    sexual_violence: [
      "What happened to you is not your fault. You did well to say it.",
      "🚓 **17** or **112** if you're in danger now. **114** by text if you can't speak.",
      "🏥 If it just happened, go to the emergency room or call **15** to get care, even without filing a complaint.",
      '📞 **116 006**: victim support, free, every day. **3919** for women, 24/7.',
    ],
    exploitation: [
      "Nobody has the right to force you, or to keep your money or your papers. You did well to say it.",
      "🚓 **17** or **112** if you're in danger now. **114** by text if you can't speak.",
      '📞 **3919**: free and anonymous listening line, 24/7, also for forced marriage.',
      '📞 **119** if you are under 18.',
    ],
  } satisfies Record<CrisisCategory, string[]>,
  crisisHuman: (expect: ReplyExpectation, now: Date = new Date()) =>
    ({
      on_duty: (e: Extract<ReplyExpectation, { kind: 'on_duty' }>) => `I've also told the team, with top priority: a person will answer you here, usually within ${durationInEnglish(e.withinMinutes)}. To talk to someone right now, call one of the numbers above. I'm still here, you can keep writing to me.`,
      off_duty: (e: Extract<ReplyExpectation, { kind: 'off_duty' }>) =>
        `I've also told the team, with top priority. Nobody is there right now: they will read your message from ${momentInEnglish(e.opensAt, now, e.timeZone)}.${e.writeFirst ? ` ${en.writeFirst}` : ''} The numbers above answer right away. I'm still here, you can keep writing to me.`,
      in_charge: (e: Extract<ReplyExpectation, { kind: 'in_charge' }>) => `${e.name} sees this message too. If you are in danger now, call 15 or 112.`,
      nobody: () => "To talk to someone right now, call one of the numbers above. I'm still here, you can keep writing to me.",
    })[expect.kind](expect as never),
  humanRequested: (expect: ReplyExpectation, now: Date = new Date()) =>
    ({
      on_duty: (e: Extract<ReplyExpectation, { kind: 'on_duty' }>) => `Done, your request has gone to the team. A person will answer you here, usually within ${durationInEnglish(e.withinMinutes)}. You can keep writing to me meanwhile.`,
      off_duty: (e: Extract<ReplyExpectation, { kind: 'off_duty' }>) =>
        e.writeFirst
          ? `Done, your request has gone to the team. Nobody is there right now: a person will read it from ${momentInEnglish(e.opensAt, now, e.timeZone)}. ${en.writeFirst}`
          : `Done, your request has gone to the team. Nobody is there right now: a person will read it from ${momentInEnglish(e.opensAt, now, e.timeZone)} and answer you here.`,
      in_charge: (e: Extract<ReplyExpectation, { kind: 'in_charge' }>) => `${e.name} is already with you in this conversation and reads your messages.`,
      nobody: () => "I'm sorry: right now nobody from the Relais team answers here for your département, so this chat will not reach a person. To talk to someone, contact your ASE service or your mission locale.",
    })[expect.kind](expect as never) + (expect.kind === 'in_charge' ? '' : `\n\n${en.meanwhile}`),
  writeFirst: "This app only lets us write to you within 24 hours of your last message: at that time, send us a word (\"hello\" is enough) so we can answer you here.",
  meanwhile: "Meanwhile, if you're not OK: **3114** (24/7) if you have dark thoughts, **Fil Santé Jeunes** on **0 800 235 236** (free, anonymous), or your ASE service. Immediate danger: **15** or **112**.",
  crisisResume: "Whenever you're ready, we can pick up where we left off.",
};
