// What a report says a learning credential awards: every value with the path it was read from.

/** One value with where in the credential it was read, so a relying party can check it. */
export interface Sourced<T> {
  value: T
  /** A JSON path in the credential, e.g. `credentialSubject.achievement.name`. */
  path: string
}

export interface LearningSummary {
  /** `Open Badges 3.0` or `European Learning Model`. */
  profile: string
  awardingBody?: Sourced<string>
  learner?: Sourced<string>
  achievement?: Sourced<string>
  /** OB 3.0 `achievementType` (e.g. `MasterDegree`) or the ELM specification's `type`. */
  achievementType?: Sourced<string>
  fieldOfStudy?: Sourced<string>
  /** The EQF level, only where the credential states one (an ELM `eqfLevel`, an OB 3.0 alignment to the EQF). */
  eqfLevel?: Sourced<number>
  /**
   * Credit points with the system the credential names; `unspecified` when it names none. No
   * conversion is made: there is no official one between, say, Japanese credit units and ECTS.
   */
  credits?: Sourced<number> & { system: 'ECTS' | 'unspecified' }
  awardedDate?: Sourced<string>
}
