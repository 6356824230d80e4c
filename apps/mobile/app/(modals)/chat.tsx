export { ChatScreen as default } from '../../src/features/chat/chat-screen';
