// The one way Kakehashi loads @peculiar/x509: its dependency injection (tsyringe) needs the Reflect metadata API first.
import 'reflect-metadata'

export * from '@peculiar/x509'
